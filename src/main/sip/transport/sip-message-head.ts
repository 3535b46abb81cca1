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
 * stopping at the end of the header section. Folded continuation lines (obsolete in RFC 3261
 * practice, never written by sip.js) are not joined: a value is read from its first line only.
 */
export function findHeader(message: string, names: readonly string[]): HeaderLine | undefined {
  const startLineEnd = message.indexOf('\r\n')
  if (startLineEnd === -1) return undefined
  let lineStart = startLineEnd + 2
  while (lineStart < message.length) {
    const found = message.indexOf('\r\n', lineStart)
    const lineEnd = found === -1 ? message.length : found
    if (lineEnd === lineStart) return undefined
    const colon = message.indexOf(':', lineStart)
    if (colon !== -1 && colon < lineEnd) {
      const name = message.slice(lineStart, colon).trim().toLowerCase()
      if (names.includes(name)) return { valueStart: colon + 1, valueEnd: lineEnd }
    }
    lineStart = lineEnd + 2
  }
  return undefined
}

/** The method named in the CSeq header, which together with the Via branch identifies a transaction. */
export function cseqMethod(message: string): string | undefined {
  const header = findHeader(message, ['cseq'])
  if (!header) return undefined
  const match = /^\s*\d+\s+([A-Za-z]+)/.exec(message.slice(header.valueStart, header.valueEnd))
  return match ? match[1].toUpperCase() : undefined
}
