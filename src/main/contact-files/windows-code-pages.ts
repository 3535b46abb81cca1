/**
 * Windows' single-byte code pages as contact files use them: 1252 (Western European, what Outlook
 * and Excel write on English, German, French, Spanish... Windows) and 1250 (Central European:
 * Czech, Polish, Slovak, Hungarian...). Explicit tables, because Node's `TextDecoder('windows-1252')`
 * without full ICU reads 0x80–0x9F as Latin-1 control characters, losing € ’ “ ” Š Ž and the rest.
 */

/** A byte the code page leaves undefined. */
const NONE = -1

/** Bytes 0x80–0x9F of Windows-1252; 0xA0–0xFF are Latin-1's. */
// prettier-ignore
const WINDOWS_1252_80_9F = [
  0x20ac, NONE, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, NONE, 0x017d, NONE,
  NONE, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, NONE, 0x017e, 0x0178
]

/** Bytes 0x80–0xFF of Windows-1250. */
// prettier-ignore
const WINDOWS_1250_80_FF = [
  0x20ac, NONE, 0x201a, NONE, 0x201e, 0x2026, 0x2020, 0x2021,
  NONE, 0x2030, 0x0160, 0x2039, 0x015a, 0x0164, 0x017d, 0x0179,
  NONE, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  NONE, 0x2122, 0x0161, 0x203a, 0x015b, 0x0165, 0x017e, 0x017a,
  0x00a0, 0x02c7, 0x02d8, 0x0141, 0x00a4, 0x0104, 0x00a6, 0x00a7,
  0x00a8, 0x00a9, 0x015e, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x017b,
  0x00b0, 0x00b1, 0x02db, 0x0142, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
  0x00b8, 0x0105, 0x015f, 0x00bb, 0x013d, 0x02dd, 0x013e, 0x017c,
  0x0154, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x0139, 0x0106, 0x00c7,
  0x010c, 0x00c9, 0x0118, 0x00cb, 0x011a, 0x00cd, 0x00ce, 0x010e,
  0x0110, 0x0143, 0x0147, 0x00d3, 0x00d4, 0x0150, 0x00d6, 0x00d7,
  0x0158, 0x016e, 0x00da, 0x0170, 0x00dc, 0x00dd, 0x0162, 0x00df,
  0x0155, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x013a, 0x0107, 0x00e7,
  0x010d, 0x00e9, 0x0119, 0x00eb, 0x011b, 0x00ed, 0x00ee, 0x010f,
  0x0111, 0x0144, 0x0148, 0x00f3, 0x00f4, 0x0151, 0x00f6, 0x00f7,
  0x0159, 0x016f, 0x00fa, 0x0171, 0x00fc, 0x00fd, 0x0163, 0x02d9
]

export type WindowsCodePage = 'windows-1252' | 'windows-1250'

/** Each byte's character (ASCII as itself), NONE where the code page has none. */
export const CODE_PAGES: Record<WindowsCodePage, readonly number[]> = {
  'windows-1252': [
    ...Array.from({ length: 0x80 }, (_, byte) => byte),
    ...WINDOWS_1252_80_9F,
    ...Array.from({ length: 0x60 }, (_, index) => 0xa0 + index)
  ],
  'windows-1250': [...Array.from({ length: 0x80 }, (_, byte) => byte), ...WINDOWS_1250_80_FF]
}

/** The character names of a CHARSET parameter or a stated encoding that mean one of these code pages. */
export function codePageNamed(name: string): WindowsCodePage | undefined {
  const key = name.trim().toLowerCase()
  if (['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'latin1', 'us-ascii', 'ascii'].includes(key))
    return 'windows-1252'
  if (['windows-1250', 'cp1250', 'x-cp1250'].includes(key)) return 'windows-1250'
  return undefined
}

export type CodePageText = { ok: true; text: string } | { ok: false; offset: number }

/** The bytes as text in `codePage`, or the offset of the first byte it leaves undefined. */
export function decodeCodePage(bytes: Uint8Array, codePage: WindowsCodePage): CodePageText {
  const table = CODE_PAGES[codePage]
  const chunks: string[] = []
  const CHUNK = 8192
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const units = new Uint16Array(Math.min(CHUNK, bytes.length - start))
    for (let index = 0; index < units.length; index++) {
      const char = table[bytes[start + index] ?? 0] ?? NONE
      if (char === NONE) return { ok: false, offset: start + index }
      units[index] = char
    }
    chunks.push(String.fromCharCode(...units))
  }
  return { ok: true, text: chunks.join('') }
}
