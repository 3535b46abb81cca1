/**
 * The text of a contact file whatever wrote it: UTF-8 with or without a byte-order mark, UTF-16
 * with one (Outlook's "Unicode" CSV), and Windows-1252 when the bytes are not UTF-8 (older Outlook
 * exports, Excel's "CSV" on Western European Windows).
 */
export function decodeContactFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/** Bytes in the character set a vCard 2.1 property names (CHARSET=), UTF-8 when it names none DeskDial knows. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  if (charset) {
    try {
      return new TextDecoder(charset).decode(bytes)
    } catch {
      // An unknown CHARSET: fall through to UTF-8, as most writers use.
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}
