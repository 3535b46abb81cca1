/**
 * Contacts as vCard 3.0 (RFC 2426): the version Outlook, Google Contacts, Apple Contacts and
 * Thunderbird all import, where 4.0 is not read by Outlook. UTF-8, CRLF, lines folded at 75 octets.
 */
import type { Contact, ContactNumberLabel } from '../../shared/contact'

const TEL_TYPES: Record<ContactNumberLabel, string> = {
  work: 'WORK,VOICE',
  mobile: 'CELL,VOICE',
  home: 'HOME,VOICE',
  other: 'VOICE'
}

/** RFC 2426 2.5: backslash, comma, semicolon and newline escaped in text values. */
function escapeText(value: string): string {
  return value.replace(/[\\,;]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n')
}

/** Folds a content line after at most 75 octets of UTF-8, never inside a character (RFC 2426 2.6). */
function fold(line: string): string {
  const encoder = new TextEncoder()
  const pieces: string[] = []
  let piece = ''
  let octets = 0
  for (const char of line) {
    const size = encoder.encode(char).length
    const limit = pieces.length === 0 ? 75 : 74
    if (octets + size > limit) {
      pieces.push(piece)
      piece = ''
      octets = 0
    }
    piece += char
    octets += size
  }
  pieces.push(piece)
  return pieces.join('\r\n ')
}

/** N wants the family name apart: DeskDial keeps one name, so its last word is taken for it; FN keeps the name whole. */
function structuredName(name: string): string {
  const words = name.split(/\s+/)
  const family = words.length > 1 ? (words.pop() ?? '') : ''
  return `${escapeText(family)};${escapeText(words.join(' '))};;;`
}

function card(contact: Contact): string[] {
  const lines = ['BEGIN:VCARD', 'VERSION:3.0', `FN:${escapeText(contact.name)}`, `N:${structuredName(contact.name)}`]
  if (contact.company || contact.department)
    lines.push(
      `ORG:${escapeText(contact.company ?? '')}${contact.department ? `;${escapeText(contact.department)}` : ''}`
    )
  if (contact.title) lines.push(`TITLE:${escapeText(contact.title)}`)
  if (contact.email) lines.push(`EMAIL;TYPE=INTERNET:${escapeText(contact.email)}`)
  for (const entry of contact.numbers) lines.push(`TEL;TYPE=${TEL_TYPES[entry.label]}:${escapeText(entry.number)}`)
  lines.push('END:VCARD')
  return lines
}

/** A vCard 3.0 file with one card per contact. */
export function writeVCards(contacts: readonly Contact[]): string {
  return contacts.flatMap((contact) => card(contact).map((line) => fold(line) + '\r\n')).join('')
}
