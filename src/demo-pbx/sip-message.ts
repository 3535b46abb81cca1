/**
 * SIP messages as the demo phone system reads and writes them (RFC 3261 §7): a start line,
 * headers kept in order, a body. The parser is the demo phone system's own, deliberately not
 * DeskDial's, so the two cannot merely agree with each other.
 */

/** RFC 3261 §7.3.3 compact header names. */
const COMPACT_NAMES: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  e: 'content-encoding',
  l: 'content-length',
  c: 'content-type',
  f: 'from',
  s: 'subject',
  k: 'supported',
  t: 'to',
  v: 'via',
  r: 'refer-to',
  o: 'event',
  b: 'referred-by',
  x: 'session-expires'
}

/** Larger messages are refused: nothing the demo phone system handles comes close. */
export const MAX_MESSAGE_BYTES = 16_384
const MAX_HEADERS = 100

export interface SipRequest {
  kind: 'request'
  method: string
  uri: string
  headers: Array<[string, string]>
  body: string
}

export interface SipResponse {
  kind: 'response'
  status: number
  reason: string
  headers: Array<[string, string]>
  body: string
}

export type SipMessage = SipRequest | SipResponse

/** A message that cannot be parsed; `request` is set when enough was read to answer it with 400. */
export class MalformedSipError extends Error {
  constructor(
    message: string,
    readonly request?: SipRequest
  ) {
    super(message)
  }
}

export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase()
  return COMPACT_NAMES[lower] ?? lower
}

/** All values of a header, in order (header lines, not comma-split). */
export function headerValues(message: SipMessage, name: string): string[] {
  const wanted = canonicalHeaderName(name)
  return message.headers.filter(([key]) => canonicalHeaderName(key) === wanted).map(([, value]) => value)
}

export function header(message: SipMessage, name: string): string | undefined {
  return headerValues(message, name)[0]
}

/** Splits a header value at commas that are outside quotes and angle brackets. */
export function splitList(value: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < value.length; i++) {
    const char = value[i]
    if (char === '"' && value[i - 1] !== '\\') quoted = !quoted
    else if (!quoted && char === '<') depth++
    else if (!quoted && char === '>') depth--
    else if (!quoted && depth === 0 && char === ',') {
      parts.push(value.slice(start, i).trim())
      start = i + 1
    }
  }
  parts.push(value.slice(start).trim())
  return parts.filter(Boolean)
}

/** Parameters after `;` in a header value or URI, lower-cased names; flags get ''. */
export function parseParams(text: string): Map<string, string> {
  const params = new Map<string, string>()
  for (const part of text.split(';').slice(1)) {
    const [name, ...value] = part.split('=')
    if (name.trim())
      params.set(
        name.trim().toLowerCase(),
        value
          .join('=')
          .trim()
          .replace(/^"(.*)"$/, '$1')
      )
  }
  return params
}

export interface SipUri {
  scheme: 'sip' | 'sips' | 'tel'
  user: string
  host: string
  port?: number
  params: Map<string, string>
}

export function parseUri(text: string): SipUri | undefined {
  const match = /^(sips?|tel):(?:([^@;?]*)@)?([^;?]*)(.*)$/i.exec(text.trim())
  if (!match) return undefined
  const scheme = match[1].toLowerCase() as SipUri['scheme']
  if (scheme === 'tel') {
    // tel:1002;phone-context=... : the number sits where a host would.
    return { scheme, user: decodeURIComponent(match[3]), host: '', params: parseParams(match[4]) }
  }
  const hostPort = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(match[3])
  if (!hostPort) return undefined
  let user: string
  try {
    user = decodeURIComponent((match[2] ?? '').split(':')[0])
  } catch {
    return undefined
  }
  const port = hostPort[2] === undefined ? undefined : Number(hostPort[2])
  if (port !== undefined && (port < 1 || port > 65_535)) return undefined
  return { scheme, user, host: hostPort[1], port, params: parseParams(match[4]) }
}

export interface NameAddress {
  /** The header value as it was, for copying it into messages of the same dialog. */
  raw: string
  uri: string
  tag?: string
  params: Map<string, string>
}

/** `"Name" <sip:...>;tag=x` or `sip:...;tag=x` (RFC 3261 §20.10). */
export function parseNameAddress(value: string | undefined): NameAddress | undefined {
  if (!value) return undefined
  const angle = /^\s*(?:"(?:[^"\\]|\\.)*"|[^<"]*)?\s*<([^>]*)>(.*)$/.exec(value)
  const uri = angle ? angle[1] : value.split(';')[0]
  const params = parseParams(angle ? angle[2] : value.slice(uri.length))
  if (!parseUri(uri)) return undefined
  return { raw: value.trim(), uri: uri.trim(), tag: params.get('tag'), params }
}

export interface Via {
  transport: string
  host: string
  port?: number
  branch?: string
  raw: string
}

/** The topmost Via. */
export function topVia(message: SipMessage): Via | undefined {
  const first = header(message, 'via')
  if (!first) return undefined
  const raw = splitList(first)[0]
  const match = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^\s;:]+|\[[^\]]+\])(?::(\d+))?/i.exec(raw)
  if (!match) return undefined
  return {
    transport: match[1].toUpperCase(),
    host: match[2],
    port: match[3] ? Number(match[3]) : undefined,
    branch: parseParams(raw).get('branch'),
    raw
  }
}

export interface CSeq {
  number: number
  method: string
}

export function parseCSeq(message: SipMessage): CSeq | undefined {
  const match = /^\s*(\d{1,10})\s+([A-Za-z]+)\s*$/.exec(header(message, 'cseq') ?? '')
  if (!match) return undefined
  return { number: Number(match[1]), method: match[2].toUpperCase() }
}

function parseHead(head: string): { startLine: string; headers: Array<[string, string]> } {
  const lines = head.split(/\r?\n/)
  const startLine = lines.shift() ?? ''
  const headers: Array<[string, string]> = []
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1][1] += ' ' + line.trim()
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) throw new MalformedSipError(`header line without a name: ${line.slice(0, 60)}`)
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
    if (headers.length > MAX_HEADERS) throw new MalformedSipError('too many headers')
  }
  return { startLine, headers }
}

const REQUEST_LINE = /^([A-Za-z]{1,32}) (\S{1,2048}) SIP\/2\.0$/
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/

/** Checks the headers every request needs (RFC 3261 §8.1.1); the reason when one is missing. */
function missingMandatory(request: SipRequest): string | undefined {
  for (const name of ['via', 'from', 'to', 'call-id', 'cseq']) {
    if (!header(request, name)) return `missing ${name} header`
  }
  if (!topVia(request)) return 'unreadable Via header'
  const cseq = parseCSeq(request)
  if (!cseq) return 'unreadable CSeq header'
  if (cseq.method !== request.method) return 'CSeq method differs from the request method'
  if (!parseNameAddress(header(request, 'from')) || !parseNameAddress(header(request, 'to')))
    return 'unreadable From or To header'
  return undefined
}

/**
 * Parses one complete message (a datagram, or one framed off a TCP stream).
 * Throws MalformedSipError; its `request` is set when the message can still be answered.
 */
export function parseSipMessage(text: string): SipMessage {
  const split = text.search(/\r?\n\r?\n/)
  const head = split < 0 ? text : text.slice(0, split)
  const body = split < 0 ? '' : text.slice(split).replace(/^\r?\n\r?\n/, '')
  const { startLine, headers } = parseHead(head.replace(/^(\r?\n)+/, ''))
  const request = REQUEST_LINE.exec(startLine)
  if (request) {
    const message: SipRequest = { kind: 'request', method: request[1].toUpperCase(), uri: request[2], headers, body }
    const problem = missingMandatory(message)
    if (problem)
      throw new MalformedSipError(problem, header(message, 'via') && header(message, 'call-id') ? message : undefined)
    if (!parseUri(message.uri)) throw new MalformedSipError('unreadable Request-URI', message)
    return message
  }
  const status = STATUS_LINE.exec(startLine)
  if (status) {
    const message: SipResponse = { kind: 'response', status: Number(status[1]), reason: status[2], headers, body }
    if (!topVia(message) || !parseCSeq(message) || !header(message, 'call-id'))
      throw new MalformedSipError('response without Via, CSeq or Call-ID')
    return message
  }
  throw new MalformedSipError(`not a SIP start line: ${startLine.slice(0, 60)}`)
}

export function serialize(message: SipMessage): string {
  const startLine =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`
  const headers = message.headers.filter(([name]) => canonicalHeaderName(name) !== 'content-length')
  const lines = headers.map(([name, value]) => `${name}: ${value}`)
  lines.push(`Content-Length: ${Buffer.byteLength(message.body)}`)
  return `${startLine}\r\n${lines.join('\r\n')}\r\n\r\n${message.body}`
}

/** A response to `request` (RFC 3261 §8.2.6): Via, From, To, Call-ID and CSeq copied; a To tag added when given. */
export function responseTo(
  request: SipRequest,
  status: number,
  reason: string,
  toTag?: string,
  extra: Array<[string, string]> = []
): SipResponse {
  const copied = request.headers.filter(([name]) =>
    ['via', 'from', 'call-id', 'cseq'].includes(canonicalHeaderName(name))
  )
  const to = header(request, 'to') ?? ''
  const toValue = toTag && !parseNameAddress(to)?.tag ? `${to};tag=${toTag}` : to
  const headers: Array<[string, string]> = [...copied, ['To', toValue], ...extra]
  return { kind: 'response', status, reason, headers, body: '' }
}

/** A one-line summary for the log: `REFER sip:1001@host (Call-ID abc)` / `SIP/2.0 202 Accepted (REFER, Call-ID abc)`. */
export function summarize(message: SipMessage): string {
  const callId = header(message, 'call-id') ?? '?'
  if (message.kind === 'request') return `${message.method} ${message.uri} (Call-ID ${callId})`
  return `${message.status} ${message.reason} (${parseCSeq(message)?.method ?? '?'}, Call-ID ${callId})`
}
