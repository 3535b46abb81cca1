/**
 * The text of a contact file whatever wrote it: UTF-8 with or without a byte-order mark, UTF-16
 * with one (Outlook's "Unicode" CSV), and when the bytes are not UTF-8, Windows-1252 (older Outlook
 * exports, Excel's "CSV" on Western European Windows) or Windows-1250 (the same on Central European
 * Windows), told apart by which of them makes letters of the file's words.
 */
import { CODE_PAGES, codePageNamed, decodeCodePage, type WindowsCodePage } from './windows-code-pages'

export const CONTACT_FILE_ENCODINGS = ['utf-8', 'windows-1252', 'windows-1250'] as const
export type ContactFileEncoding = (typeof CONTACT_FILE_ENCODINGS)[number]

export type DecodedContactFile =
  { ok: true; text: string; encoding: ContactFileEncoding | 'utf-16le' | 'utf-16be' } | { ok: false; error: string }

const isLetter = (char: number | undefined) =>
  char !== undefined && char >= 0 && /\p{L}/u.test(String.fromCharCode(char))
const LETTER = {
  'windows-1252': CODE_PAGES['windows-1252'].map(isLetter),
  'windows-1250': CODE_PAGES['windows-1250'].map(isLetter)
}
/** Bytes the two code pages read as different characters. */
const DIFFERS = CODE_PAGES['windows-1252'].map((char, byte) => char !== CODE_PAGES['windows-1250'][byte])
/** Š Ž š ž: the same bytes in both, and letters mostly Czech, Slovak, Slovene and Croatian words hold. */
const CENTRAL_EUROPEAN_SHARED = new Set([0x8a, 0x8e, 0x9a, 0x9e])

/** ASCII letters and every byte above ASCII (in a name, mostly letters): what words are made of. */
const isWordByte = (byte: number) => byte >= 0x80 || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a)

/**
 * How much more the file's words read as Windows-1250 than as Windows-1252, word by word: a word
 * whose differing bytes are all letters in one code page but not in the other ("Łódź" is "£ódŸ" in
 * 1252, "Świątek" is "Œwi¹tek") counts for that one; a word that reads as letters in both counts
 * for 1250 when it also holds Š, Ž, š or ž ("Růžička" rather than "Rùžièka").
 */
function centralEuropeanEvidence(bytes: Uint8Array): number {
  let score = 0
  let start = 0
  while (start < bytes.length) {
    while (start < bytes.length && !isWordByte(bytes[start] ?? 0)) start++
    let end = start
    let differing = 0
    let letters1252 = true
    let letters1250 = true
    let shared = false
    for (; end < bytes.length && isWordByte(bytes[end] ?? 0); end++) {
      const byte = bytes[end] ?? 0
      if (CENTRAL_EUROPEAN_SHARED.has(byte)) shared = true
      if (!DIFFERS[byte]) continue
      differing++
      letters1252 &&= LETTER['windows-1252'][byte] === true
      letters1250 &&= LETTER['windows-1250'][byte] === true
    }
    if (differing > 0 && end - start > 1) {
      if (letters1250 && !letters1252) score++
      else if (letters1252 && !letters1250) score--
      else if (letters1250 && shared) score++
    }
    start = end
  }
  return score
}

const CODE_PAGE_NAMES: Record<WindowsCodePage, string> = {
  'windows-1252': 'Windows-1252',
  'windows-1250': 'Windows-1250'
}

/** Where a byte that `codePage` leaves undefined stands, as a person finds it in an editor. */
function undefinedByte(bytes: Uint8Array, offset: number, codePage: WindowsCodePage): string {
  let line = 1
  for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++
  const byte = (bytes[offset] ?? 0).toString(16).toUpperCase()
  return `line ${line} holds the byte 0x${byte}, which ${CODE_PAGE_NAMES[codePage]} does not define`
}

const SAVE_AS_UTF8 = 'Save it again as UTF-8 (in Excel: "CSV UTF-8"; in Outlook: export vCards) and import that file.'

function inCodePage(bytes: Uint8Array, codePage: WindowsCodePage): DecodedContactFile {
  const decoded = decodeCodePage(bytes, codePage)
  if (decoded.ok) return { ok: true, text: decoded.text, encoding: codePage }
  return {
    ok: false,
    error: `The file is not ${CODE_PAGE_NAMES[codePage]}: ${undefinedByte(bytes, decoded.offset, codePage)}. ${SAVE_AS_UTF8}`
  }
}

/**
 * The file's text; `stated` is the encoding the user named, which wins over the guess (a
 * byte-order mark still wins over both). Bytes that are neither UTF-8, Windows-1252 nor
 * Windows-1250 are refused with a sentence saying how to save the file instead.
 */
export function decodeContactFile(bytes: Uint8Array, stated?: ContactFileEncoding): DecodedContactFile {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' }
  if (stated && stated !== 'utf-8') return inCodePage(bytes, stated)
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    if (stated === 'utf-8')
      return {
        ok: false,
        error: `The file is not UTF-8: name the encoding it has (windows-1252 or windows-1250). ${SAVE_AS_UTF8}`
      }
  }
  const western = decodeCodePage(bytes, 'windows-1252')
  const central = decodeCodePage(bytes, 'windows-1250')
  const namesCentral = /CHARSET=(?:windows-1250|cp1250)\b/i.test(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1')
  )
  if (central.ok && (namesCentral || !western.ok || centralEuropeanEvidence(bytes) > 0))
    return { ok: true, text: central.text, encoding: 'windows-1250' }
  if (western.ok) return { ok: true, text: western.text, encoding: 'windows-1252' }
  return {
    ok: false,
    error: `The file is neither UTF-8, Windows-1252 nor Windows-1250: ${undefinedByte(bytes, western.offset, 'windows-1252')}. ${SAVE_AS_UTF8}`
  }
}

/** Bytes in the character set a vCard 2.1 property names (CHARSET=), UTF-8 when it names none DeskDial knows. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const codePage = charset === undefined ? undefined : codePageNamed(charset)
  const fromCodePage = codePage ? decodeCodePage(bytes, codePage) : undefined
  if (fromCodePage?.ok) return fromCodePage.text
  if (charset && !codePage) {
    try {
      return new TextDecoder(charset).decode(bytes)
    } catch {
      // An unknown CHARSET: fall through to UTF-8, as most writers use.
    }
  }
  const decoded = decodeContactFile(bytes)
  return decoded.ok ? decoded.text : new TextDecoder('utf-8').decode(bytes)
}
