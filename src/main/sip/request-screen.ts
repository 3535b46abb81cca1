/**
 * What DeskDial does with a request before sip.js sees it (RFC 3261 8.2): a request it cannot or
 * will not handle gets the answer the RFC asks for, one that cannot be answered (no readable Via)
 * is dropped, and the rest pass on. sip.js alone would drop most malformed requests silently,
 * answer an unknown method 405 instead of 501, ignore `Require` and read any body.
 */
import { createHash } from 'node:crypto'

/**
 * `pass`: hand the request to sip.js. `answer`: send `response` (stateless) instead. `drop`:
 * nothing can be sent back; `problem` says why.
 */
export type RequestVerdict =
  { action: 'pass' } | { action: 'answer'; status: number; response: string } | { action: 'drop'; problem: string }

export interface RequestScreenOptions {
  /** Whether sip.js's parser reads the whole message; when it does not, sip.js would drop it. */
  parses(message: string): boolean
  /**
   * Whether `value` is well-formed for the header `name` (lower case, compact forms expanded), or
   * as a Request-URI when `name` is `request-uri`: sip.js's grammar, asked only about a message it
   * does not parse, to name what is broken.
   */
  isWellFormed(name: string, value: string): boolean
}

/** Methods DeskDial handles: INVITE and its companions (declined: DeskDial never takes a call), NOTIFY of its REFERs, OPTIONS pings. */
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'NOTIFY', 'OPTIONS'] as const
/** Methods of the SIP standards DeskDial knows and refuses (405); anything else is not implemented (501). */
const REFUSED_METHODS = new Set(['REGISTER', 'SUBSCRIBE', 'REFER', 'MESSAGE', 'INFO', 'PRACK', 'PUBLISH', 'UPDATE'])
/** The body types DeskDial reads: the sipfrag of a REFER's NOTIFY (RFC 3515), and a watched line's dialog-info (RFC 4235) or PIDF (RFC 3863). */
const ACCEPTED_BODIES = ['message/sipfrag', 'application/dialog-info+xml', 'application/pidf+xml']
const ACCEPTED_BODY = ACCEPTED_BODIES.join(', ')

const COMPACT_NAMES: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  e: 'content-encoding',
  k: 'supported',
  o: 'event',
  r: 'refer-to',
  b: 'referred-by',
  u: 'allow-events'
}
const DISPLAY_NAMES: Record<string, string> = { 'call-id': 'Call-ID', cseq: 'CSeq' }
const MANDATORY = ['to', 'from', 'call-id', 'cseq'] as const
/** Headers a request carries at most once (RFC 3261 7.3.1: only comma-list headers may repeat). */
const SINGLE_VALUE = [
  'from',
  'to',
  'call-id',
  'cseq',
  'max-forwards',
  'content-length',
  'content-type',
  'event',
  'subscription-state'
] as const
/** Headers sip.js parses on receipt: one it cannot parse makes it drop the whole request. */
const PARSED_BY_SIPJS = [
  'via',
  'from',
  'to',
  'call-id',
  'contact',
  'content-length',
  'content-type',
  'cseq',
  'max-forwards',
  'refer-to',
  'record-route'
] as const

const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/
const VIA_VALUE = /^SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z0-9.!%*_+`'~-]+\s+[^\s;,]+/i
const CSEQ = /^(\d+)\s+(\S+)$/
const MAX_CSEQ = 2 ** 32 - 1

interface Header {
  name: string
  value: string
}

interface Request {
  method: string
  uri: string
  version: string
  headers: Header[]
  body: string
}

/** Decides what becomes of one incoming request (the text of a message that is not a response). */
export function screenRequest(message: string, options: RequestScreenOptions): RequestVerdict {
  const request = readRequest(message)
  if (!request) return { action: 'drop', problem: 'it is not a SIP request' }
  const vias = values(request, 'via')
  if (!vias.some((via) => VIA_VALUE.test(via))) return { action: 'drop', problem: 'it has no Via to send an answer to' }
  const answer = (status: number, reason: string, extra: string[] = []): RequestVerdict => ({
    action: 'answer',
    status,
    response: statelessResponse(request, status, reason, extra)
  })

  if (request.version.toUpperCase() !== 'SIP/2.0') return answer(505, 'Version Not Supported')
  const malformed = malformation(request, message, options)
  if (malformed) return answer(400, malformed)

  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
    return REFUSED_METHODS.has(request.method)
      ? answer(405, 'Method Not Allowed', [`Allow: ${ALLOWED_METHODS.join(', ')}`])
      : answer(501, 'Not Implemented')
  }
  // RFC 3261 8.2.2.3: ACK and CANCEL are not refused for their Require.
  const required = request.method === 'ACK' || request.method === 'CANCEL' ? [] : optionTags(values(request, 'require'))
  if (required.length > 0) return answer(420, 'Bad Extension', [`Unsupported: ${required.join(', ')}`])
  if (request.method === 'NOTIFY' && request.body !== '') {
    const type = values(request, 'content-type')[0]?.split(';')[0].trim().toLowerCase()
    if (!ACCEPTED_BODIES.includes(type ?? ''))
      return answer(415, 'Unsupported Media Type', [`Accept: ${ACCEPTED_BODY}`])
  }
  if (request.method === 'OPTIONS')
    return answer(200, 'OK', [`Allow: ${ALLOWED_METHODS.join(', ')}`, `Accept: ${ACCEPTED_BODY}`])
  return { action: 'pass' }
}

/** The first thing that makes the request unreadable, as a reason phrase; undefined when it is well-formed. */
function malformation(request: Request, message: string, options: RequestScreenOptions): string | undefined {
  if (!TOKEN.test(request.method)) return 'Malformed Method'
  for (const name of MANDATORY) if (values(request, name).length === 0) return `Missing ${displayName(name)} Header`
  for (const name of SINGLE_VALUE) if (values(request, name).length > 1) return `Duplicate ${displayName(name)} Header`
  const cseq = CSEQ.exec(values(request, 'cseq')[0])
  if (!cseq || !TOKEN.test(cseq[2])) return 'Malformed CSeq Header'
  if (Number(cseq[1]) > MAX_CSEQ) return 'CSeq Number Out Of Range'
  if (cseq[2] !== request.method) return 'CSeq Method Does Not Match Request Method'
  if (options.parses(message)) return undefined
  // Rare: sip.js would drop the request. Find what it could not read, to say so.
  if (!options.isWellFormed('request-uri', request.uri)) return 'Malformed Request-URI'
  for (const header of request.headers) {
    if (
      (PARSED_BY_SIPJS as readonly string[]).includes(header.name) &&
      !options.isWellFormed(header.name, header.value)
    ) {
      return `Malformed ${displayName(header.name)} Header`
    }
  }
  return 'Malformed Request'
}

function readRequest(message: string): Request | undefined {
  const headEnd = message.indexOf('\r\n\r\n')
  const head = headEnd === -1 ? message : message.slice(0, headEnd)
  const body = headEnd === -1 ? '' : message.slice(headEnd + 4)
  // Folded lines (RFC 3261 7.3.1) join their header with one space.
  const lines = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')
  const startLine = /^(\S+) (\S+) (\S+)$/.exec(lines[0])
  if (!startLine || startLine[3].toUpperCase().startsWith('SIP/') === false) return undefined
  const headers: Header[] = []
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    headers.push({ name: COMPACT_NAMES[name] ?? name, value: line.slice(colon + 1).trim() })
  }
  return { method: startLine[1], uri: startLine[2], version: startLine[3], headers, body }
}

function values(request: Request, name: string): string[] {
  return request.headers.filter((header) => header.name === name).map((header) => header.value)
}

function optionTags(values: string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
}

function displayName(name: string): string {
  return (
    DISPLAY_NAMES[name] ??
    name.replace(/(^|-)([a-z])/g, (_match, dash: string, letter: string) => dash + letter.toUpperCase())
  )
}

/**
 * The answer to `request`, written without a transaction (RFC 3261 8.2.6, 8.2.7): its Via, From,
 * Call-ID and CSeq as they came, its To with a tag derived from the request, so a retransmission
 * gets the same one.
 */
function statelessResponse(request: Request, status: number, reason: string, extra: string[]): string {
  const copied = (name: string, label: string): string[] => values(request, name).map((value) => `${label}: ${value}`)
  const to = values(request, 'to')
    .slice(0, 1)
    .map((value) => (/;\s*tag\s*=/i.test(value) ? value : `${value};tag=${statelessTag(request)}`))
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...copied('via', 'Via'),
    ...copied('from', 'From'),
    ...to.map((value) => `To: ${value}`),
    ...copied('call-id', 'Call-ID'),
    ...copied('cseq', 'CSeq'),
    ...extra,
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

function statelessTag(request: Request): string {
  const identity = [
    values(request, 'via')[0],
    values(request, 'from')[0],
    values(request, 'call-id')[0],
    values(request, 'cseq')[0]
  ].join('\n')
  return createHash('sha256').update(identity).digest('hex').slice(0, 16)
}
