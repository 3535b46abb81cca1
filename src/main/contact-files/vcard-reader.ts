/**
 * vCard 2.1 (Outlook's export), 3.0 (RFC 2426: Apple, Google) and 4.0 (RFC 6350), many cards per
 * file. Lines are unfolded, quoted-printable values decoded in their CHARSET, escapes undone; a card
 * that is broken (no END, no name, no number, a number that is not one) is skipped with its line.
 */
import type { SkippedEntry } from '../../shared/contact-files'
import type { SlicedWork } from '../settings/work-in-slices'
import { checkEntry, labelFromWords, type ContactEntry, type FileNumber, type RawEntry } from './contact-entry'
import { decodeCharset } from './decode-text'

/** One property of a card: `item1.TEL;TYPE=cell:+1 555` is group "item1", name "TEL". */
interface ContentLine {
  line: number
  group?: string
  name: string
  /** Parameter names upper-cased; 2.1's bare parameters (`TEL;WORK;VOICE`) count as TYPE values. */
  params: Map<string, string[]>
  value: string
}

/** `;ENCODING=QUOTED-PRINTABLE` or 2.1's bare `;QUOTED-PRINTABLE` before the value. */
const QUOTED_PRINTABLE = /;(?:ENCODING=)?QUOTED-PRINTABLE[;:]/i

/**
 * Logical lines with the number of the physical line each starts on: a line that starts with a
 * space or a tab continues the one before (RFC 6350 3.2), and a quoted-printable value ending in
 * "=" continues on the next line (2.1's soft line break).
 */
function unfold(text: string): { line: number; text: string }[] {
  const physical = text.split(/\r\n|\r|\n/)
  const logical: { line: number; text: string }[] = []
  physical.forEach((raw, index) => {
    const last = logical[logical.length - 1]
    if (last && (raw.startsWith(' ') || raw.startsWith('\t'))) last.text += raw.slice(1)
    else if (last && last.text.endsWith('=') && QUOTED_PRINTABLE.test(last.text.slice(0, last.text.indexOf(':') + 1)))
      last.text = last.text.slice(0, -1) + raw
    else logical.push({ line: index + 1, text: raw })
  })
  return logical
}

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    if (char === separator && !quoted) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts
}

function parseContentLine(line: number, text: string): ContentLine | undefined {
  let colon = -1
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '"') quoted = !quoted
    else if (text[index] === ':' && !quoted) {
      colon = index
      break
    }
  }
  if (colon < 0) return undefined
  const [head = '', ...parameters] = splitOutsideQuotes(text.slice(0, colon), ';')
  const dot = head.lastIndexOf('.')
  const params = new Map<string, string[]>()
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=')
    const key = equals < 0 ? bareParameterName(parameter) : parameter.slice(0, equals).trim().toUpperCase()
    const raw = equals < 0 ? parameter : parameter.slice(equals + 1)
    const values = splitOutsideQuotes(raw, ',').map((value) => value.trim().replace(/^"|"$/g, ''))
    params.set(key, [...(params.get(key) ?? []), ...values])
  }
  return {
    line,
    ...(dot > 0 ? { group: head.slice(0, dot).toLowerCase() } : {}),
    name: head
      .slice(dot + 1)
      .trim()
      .toUpperCase(),
    params,
    value: text.slice(colon + 1)
  }
}

/** 2.1 allows `;QUOTED-PRINTABLE` and `;UTF-8`-less bare values: encodings are ENCODING, all else TYPE. */
function bareParameterName(parameter: string): string {
  return /^(QUOTED-PRINTABLE|BASE64|8BIT|7BIT|B)$/i.test(parameter.trim()) ? 'ENCODING' : 'TYPE'
}

/** Quoted-printable to bytes (soft line breaks are gone after unfolding): `=XX` is a byte, other characters are themselves. */
function quotedPrintableBytes(value: string): Uint8Array {
  const bytes: number[] = []
  const encoder = new TextEncoder()
  for (let index = 0; index < value.length; index++) {
    const hex = value.slice(index + 1, index + 3)
    if (value[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16))
      index += 2
    } else bytes.push(...encoder.encode(value[index]))
  }
  return new Uint8Array(bytes)
}

/** The property's value as text: quoted-printable decoded in its CHARSET. */
function decodedValue(property: ContentLine): string {
  const encoding = property.params.get('ENCODING')?.[0]?.toUpperCase()
  if (encoding !== 'QUOTED-PRINTABLE') return property.value
  return decodeCharset(quotedPrintableBytes(property.value), property.params.get('CHARSET')?.[0])
}

/** Splits at unescaped `separator`, leaving escapes as they are. */
function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let index = 0; index < value.length; index++) {
    const char = value[index]
    if (char === '\\' && index + 1 < value.length) {
      current += char + value[++index]
    } else if (char === separator) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts
}

/**
 * The components of a structured value split at unescaped ";", each unescaped. N's components are
 * lists ("Philip,Paul"), joined with spaces; ORG's are not, so a stray comma in a company stays.
 */
function components(value: string, lists = false): string[] {
  return splitUnescaped(value, ';').map((part) =>
    lists ? splitUnescaped(part, ',').map(unescapeText).join(' ').trim() : unescapeText(part)
  )
}

/** Undoes RFC 6350 3.4's escapes: \\ \; \, and \n (a newline, which in a name becomes a space). */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char)).trim()
}

/** A TEL value: a 4.0 tel: URI (`tel:+1-555-555-0100;ext=102`) or the number as written. */
function telNumber(value: string): string {
  const text = unescapeText(value)
  return /^tel:/i.test(text) ? (text.slice(4).split(';')[0] ?? '') : text
}

/** The card's properties as a raw entry: FN, or a name built from N, or from ORG when it has neither. */
function entryOfCard(line: number, properties: ContentLine[]): RawEntry {
  const first = (name: string) => properties.find((property) => property.name === name)
  const text = (name: string) => {
    const property = first(name)
    return property ? unescapeText(decodedValue(property)).replace(/\s*\n\s*/g, ' ') : undefined
  }
  const [family = '', given = '', additional = ''] = components(decodedValue(first('N') ?? emptyLine(line)), true)
  const [company, department] = components(decodedValue(first('ORG') ?? emptyLine(line)))
  const fromN = [given, additional, family].filter(Boolean).join(' ')
  const groupLabels = new Map(
    properties
      .filter((property) => property.name === 'X-ABLABEL' && property.group)
      .map((property) => [property.group, decodedValue(property)])
  )
  const numbers: FileNumber[] = properties
    .filter((property) => property.name === 'TEL')
    .map((property) => {
      const types = property.params.get('TYPE') ?? []
      const abLabel = property.group ? groupLabels.get(property.group) : undefined
      const words = abLabel && labelFromWords(types) === 'other' ? [...types, abLabel] : types
      return { label: labelFromWords(words), number: telNumber(decodedValue(property)) }
    })
  return {
    line,
    name: text('FN') || fromN || company || undefined,
    company: company || undefined,
    department: department || undefined,
    title: text('TITLE'),
    email: text('EMAIL'),
    numbers
  }
}

function emptyLine(line: number): ContentLine {
  return { line, name: '', params: new Map(), value: '' }
}

export interface VCardReading {
  entries: ContactEntry[]
  skipped: SkippedEntry[]
}

/**
 * Every card of a vCard file: the contacts it holds and the cards skipped, with the line each
 * starts on; yields after each line.
 */
export function* vCardsInSlices(text: string): SlicedWork<VCardReading> {
  const entries: ContactEntry[] = []
  const skipped: SkippedEntry[] = []
  let card: { line: number; properties: ContentLine[] } | undefined
  const finish = (line: number, properties: ContentLine[]) => {
    const outcome = checkEntry(entryOfCard(line, properties))
    if (outcome.ok) entries.push(outcome.entry)
    else skipped.push(outcome.skipped)
  }
  const unfinished = (until: string) =>
    card &&
    skipped.push({
      line: card.line,
      reason: `The card has no END:VCARD before ${until}.`,
      ...nameOf(card.properties)
    })
  for (const { line, text: logical } of unfold(text)) {
    if (logical.trim() === '') continue
    const property = parseContentLine(line, logical)
    if (property?.name === 'BEGIN' && property.value.trim().toUpperCase() === 'VCARD') {
      unfinished(`the next card on line ${line}`)
      card = { line, properties: [] }
    } else if (property?.name === 'END' && property.value.trim().toUpperCase() === 'VCARD' && card) {
      finish(card.line, card.properties)
      card = undefined
    } else if (card && property) card.properties.push(property)
    yield
  }
  unfinished('the end of the file')
  return { entries, skipped }
}

function nameOf(properties: ContentLine[]): { name?: string } {
  const name = properties.find((property) => property.name === 'FN')
  return name ? { name: unescapeText(decodedValue(name)) } : {}
}

/** Whether the text looks like vCards rather than CSV. */
export function looksLikeVCard(text: string): boolean {
  return /^\s*BEGIN:VCARD\s*$/im.test(text.slice(0, 4096))
}
