/**
 * CSV as RFC 4180 writes it (quoted fields may hold separators, doubled quotes and newlines), with
 * the separator found from the header: a comma, or a semicolon as German Outlook and Excel write,
 * or a tab. A quote that is never closed breaks only its own record: reading resumes on the next line.
 */
import type { SkippedEntry } from '../../shared/contact-files'
import type { SlicedWork } from '../settings/work-in-slices'

export interface CsvRecord {
  /** The line the record starts on; 1 is the header. */
  line: number
  fields: string[]
}

export interface CsvTable {
  header: string[]
  records: CsvRecord[]
  skipped: SkippedEntry[]
}

/** The separator the header line uses most, outside quotes. */
function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0]
  ])
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1)
  }
  return [...counts].reduce((best, next) => (next[1] > best[1] ? next : best))[0]
}

type Parsed = { ok: true; record: CsvRecord; end: number } | { ok: false; lineEnd: number }

/** One record from `start`; `line` is the line it starts on. Fails when a quote opened in it never closes. */
function parseRecord(text: string, start: number, line: number, separator: string): Parsed & { lines: number } {
  const fields: string[] = []
  let field = ''
  let quoted = false
  let lines = 0
  let index = start
  for (; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') quoted = false
      else {
        if (char === '\n') lines++
        field += char
      }
    } else if (char === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (char === separator) {
      fields.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      const end = char === '\r' && text[index + 1] === '\n' ? index + 2 : index + 1
      fields.push(field)
      return { ok: true, record: { line, fields }, end, lines: lines + 1 }
    } else field += char
  }
  if (quoted) {
    const newline = text.slice(start).search(/\r\n|\r|\n/)
    return { ok: false, lineEnd: newline < 0 ? text.length : start + newline, lines: 1 }
  }
  fields.push(field)
  return { ok: true, record: { line, fields }, end: index, lines: lines + 1 }
}

/** The header and the records of a CSV text, yielding after each record; blank lines are ignored. */
export function* csvTableInSlices(text: string): SlicedWork<CsvTable> {
  const separator = detectSeparator(text)
  const records: CsvRecord[] = []
  const skipped: SkippedEntry[] = []
  let position = 0
  let line = 1
  while (position < text.length) {
    const parsed = parseRecord(text, position, line, separator)
    if (parsed.ok) {
      if (parsed.record.fields.some((field) => field.trim() !== '')) records.push(parsed.record)
      position = parsed.end
    } else {
      skipped.push({ line, reason: 'A quote opened on this line is never closed.' })
      position = parsed.lineEnd
      if (text[position] === '\r' && text[position + 1] === '\n') position += 2
      else position += 1
    }
    line += parsed.lines
    yield
  }
  const [header, ...rest] = records
  return { header: header?.fields.map((column) => column.trim()) ?? [], records: rest, skipped }
}
