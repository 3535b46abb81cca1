/**
 * Just enough reading of a SIP message's start line and headers for the transport layer, which
 * must act on messages (Via fix-ups, retransmission) before sip.js's parser sees them.
 */

export type StartLine = { kind: 'request'; method: string } | { kind: 'response'; status: number }

/** A header line found in a message: `valueStart`/`valueEnd` are offsets into the message. */
export interface HeaderLine {
  valueStart: number
  valueEnd: number
}

const STATUS_LINE = /^SIP\/2\.0[ \t]+(\d{3})[ \t]/
const REQUEST_LINE = /^([A-Za-z]+)[ \t]/
/** RFC 3261 25.1 `token`: a method may be any of these, e.g. `X-PING` or `FOO.BAR`. */
const TOKEN = "[A-Za-z0-9.!%*_+`'~-]+"
const CSEQ_VALUE = new RegExp(`^\\s*(\\d+)\\s+(${TOKEN})`)

/** Reads the start line; undefined when the message is neither a request nor a response. */
export function readStartLine(message: string): StartLine | undefined {
  const status = STATUS_LINE.exec(message)
  if (status) return { kind: 'response', status: Number(status[1]) }
  const request = REQUEST_LINE.exec(message)
  if (request) return { kind: 'request', method: request[1].toUpperCase() }
  return undefined
}

/**
 * Finds the first header whose name matches `names` (case-insensitive, e.g. `['via', 'v']`),
 * stopping at the end of the header section. A value folded onto continuation lines (a line
 * starting with a space or tab, RFC 3261 7.3.1) ends with its last continuation line; the folds
 * stay in the message, so readers of the value treat CRLF as whitespace.
 */
export function findHeader(message: string, names: readonly string[]): HeaderLine | undefined {
  return findHeaders(message, names)[0]
}

/** Every header whose name matches `names`, in order; see {@link findHeader}. */
export function findHeaders(message: string, names: readonly string[]): HeaderLine[] {
  const found: HeaderLine[] = []
  const startLineEnd = message.indexOf('\r\n')
  if (startLineEnd === -1) return found
  let lineStart = startLineEnd + 2
  while (lineStart < message.length) {
    const lineEnd = endOfFoldedLine(message, lineStart)
    if (lineEnd === lineStart) break
    const colon = message.indexOf(':', lineStart)
    if (colon !== -1 && colon < lineEnd) {
      const name = message.slice(lineStart, colon).trim().toLowerCase()
      if (names.includes(name)) found.push({ valueStart: colon + 1, valueEnd: lineEnd })
    }
    lineStart = lineEnd + 2
  }
  return found
}

function endOfFoldedLine(message: string, lineStart: number): number {
  let from = lineStart
  for (;;) {
    const found = message.indexOf('\r\n', from)
    if (found === -1) return message.length
    const next = message[found + 2]
    if (found === lineStart || (next !== ' ' && next !== '\t')) return found
    from = found + 2
  }
}

/** The method named in the CSeq header, which together with the Via branch identifies a transaction. */
export function cseqMethod(message: string): string | undefined {
  return readCseq(message)?.method
}

/** The CSeq header's number (as written) and method. */
export function readCseq(message: string): { number: string; method: string } | undefined {
  const header = findHeader(message, ['cseq'])
  if (!header) return undefined
  const match = CSEQ_VALUE.exec(message.slice(header.valueStart, header.valueEnd))
  return match ? { number: match[1].replace(/^0+(?=\d)/, ''), method: match[2].toUpperCase() } : undefined
}

/** The Call-ID header's value, trimmed. */
export function callIdOf(message: string): string | undefined {
  const header = findHeader(message, ['call-id', 'i'])
  return header ? message.slice(header.valueStart, header.valueEnd).trim() : undefined
}

/** How many Via values the message carries, counting several on one line (a comma inside quotes does not separate). */
export function viaValueCount(message: string): number {
  let count = 0
  for (const header of findHeaders(message, ['via', 'v'])) {
    const value = message.slice(header.valueStart, header.valueEnd)
    if (value.trim() === '') continue
    count += 1
    let quoted = false
    for (let i = 0; i < value.length; i++) {
      const c = value[i]
      if (c === '"') quoted = !quoted
      else if (c === '\\' && quoted) i++
      else if (c === ',' && !quoted) count += 1
    }
  }
  return count
}
