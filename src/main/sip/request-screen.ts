/**
 * What DeskDial does with a request before sip.js sees it (RFC 3261 8.2): a request it cannot or
 * will not handle gets the answer the RFC asks for, one that cannot be answered (no readable Via)
 * is dropped, and the rest pass on. sip.js alone would drop most malformed requests silently,
 * answer an unknown method 405 instead of 501, ignore `Require` and read any body.
 */
import { createHash } from 'node:crypto'
import { ALLOW_HEADER, ALLOWED_METHODS } from './allowed-methods'
import {
  addressUri,
  isUnbracketedIpv6,
  readRequest,
  schemeOf,
  sipUriParts,
  values,
  type Request
} from './request-reading'

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

/** Methods of the SIP standards DeskDial knows and refuses (405); anything else is not implemented (501). */
const REFUSED_METHODS = new Set(['REGISTER', 'SUBSCRIBE', 'REFER', 'MESSAGE', 'INFO', 'PRACK', 'PUBLISH', 'UPDATE'])
/**
 * The body each method may carry: an INVITE's session offer (DeskDial reads it only to decline the
 * call); a NOTIFY's sipfrag of a REFER (RFC 3515), or a watched line's dialog-info (RFC 4235) or
 * PIDF (RFC 3863). Any other body gets 415.
 */
const BODY_TYPES: Partial<Record<string, readonly string[]>> = {
  INVITE: ['application/sdp'],
  NOTIFY: ['message/sipfrag', 'application/dialog-info+xml', 'application/pidf+xml']
}
const ACCEPT_HEADER = `Accept: ${[...new Set(Object.values(BODY_TYPES).flat())].join(', ')}`
/** URI schemes DeskDial reads (RFC 3261, RFC 3966); any other in the Request-URI, To or From gets 416. */
const KNOWN_SCHEMES = new Set(['sip', 'sips', 'tel'])

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
const VIA_VALUE = /^SIP\s*\/\s*\d+\.\d+\s*\/\s*[A-Za-z0-9.!%*_+`'~-]+\s+[^\s;,]+/i
const CSEQ = /^(\d+)\s+(\S+)$/
const MAX_CSEQ = 2 ** 32 - 1

/** Decides what becomes of one incoming request (the text of a message that is not a response) to `ourUser`. */
export function screenRequest(message: string, options: RequestScreenOptions, ourUser: string): RequestVerdict {
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
  const malformed = structuralFault(request)
  if (malformed) return answer(400, malformed)
  const unsupported = unsupportedScheme(request)
  if (unsupported) return answer(416, `Unsupported URI Scheme In ${unsupported}`)
  const unreadable = grammarFault(request, message, options)
  if (unreadable) return answer(400, unreadable)

  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
    return REFUSED_METHODS.has(request.method)
      ? answer(405, 'Method Not Allowed', [ALLOW_HEADER])
      : answer(501, 'Not Implemented')
  }
  if (request.method === 'ACK') return { action: 'pass' }
  // RFC 3261 8.2.2.1: a Request-URI naming another user is not for us. Checked here because the body
  // check and the OPTIONS answer below come after it; sip.js checks it again for what passes.
  const { user } = sipUriParts(request.uri)
  if (user !== undefined && user !== ourUser) return answer(404, 'Not Found')
  // RFC 3261 8.2.2.3: CANCEL is not refused for its Require.
  const required = request.method === 'CANCEL' ? [] : optionTags(values(request, 'require'))
  if (required.length > 0) return answer(420, 'Bad Extension', [`Unsupported: ${required.join(', ')}`])
  // RFC 3261 8.2.3, before sip.js sends any provisional answer to an INVITE.
  if (declaredBodyLength(request) > 0) {
    const type = values(request, 'content-type')[0]?.split(';')[0].trim().toLowerCase()
    const accepted = BODY_TYPES[request.method] ?? []
    if (!accepted.includes(type ?? ''))
      return answer(415, 'Unsupported Media Type', [`Accept: ${accepted.join(', ')}`.trim()])
  }
  if (request.method === 'OPTIONS') return answer(200, 'OK', [ALLOW_HEADER, ACCEPT_HEADER])
  return { action: 'pass' }
}

/** What makes the request unreadable before any URI or header value is parsed, as a reason phrase. */
function structuralFault(request: Request): string | undefined {
  if (!request.strictStartLine) return 'Malformed Request-Line'
  if (!TOKEN.test(request.method)) return 'Malformed Method'
  for (const name of MANDATORY) if (values(request, name).length === 0) return `Missing ${displayName(name)} Header`
  for (const name of SINGLE_VALUE) if (values(request, name).length > 1) return `Duplicate ${displayName(name)} Header`
  const cseq = CSEQ.exec(values(request, 'cseq')[0])
  if (!cseq || !TOKEN.test(cseq[2])) return 'Malformed CSeq Header'
  if (Number(cseq[1]) > MAX_CSEQ) return 'CSeq Number Out Of Range'
  if (cseq[2] !== request.method) return 'CSeq Method Does Not Match Request Method'
  const length = values(request, 'content-length')[0]
  if (length !== undefined && !/^\d{1,10}$/.test(length)) return 'Malformed Content-Length Header'
  // Over a stream the framer cut exactly this many bytes; a datagram may hold fewer (RFC 3261 18.3).
  if (length !== undefined && Number(length) > Buffer.byteLength(request.body))
    return 'Content-Length Larger Than Message'
  const scheme = schemeOf(request.uri)
  if (scheme === 'sip' || scheme === 'sips') {
    const { host, hasHeaders } = sipUriParts(request.uri)
    if (hasHeaders) return 'Request-URI Carries Headers'
    if (isUnbracketedIpv6(host)) return 'IPv6 Address Without Brackets In Request-URI'
  }
  return undefined
}

/** RFC 3261 8.2.2.1: which of the Request-URI, To and From has a scheme DeskDial does not support; undefined when none. */
function unsupportedScheme(request: Request): string | undefined {
  const unknown = (uri: string): boolean => {
    const scheme = schemeOf(uri)
    return scheme !== undefined && !KNOWN_SCHEMES.has(scheme)
  }
  if (unknown(request.uri)) return 'Request-URI'
  for (const name of ['to', 'from'] as const)
    if (unknown(addressUri(values(request, name)[0]))) return displayName(name)
  return undefined
}

/** What sip.js's parser cannot read, as a reason phrase; undefined when it reads the whole request. */
function grammarFault(request: Request, message: string, options: RequestScreenOptions): string | undefined {
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

/** The body's length as Content-Length declares it; a datagram without the header holds its body to the end. */
function declaredBodyLength(request: Request): number {
  const length = values(request, 'content-length')[0]
  return length === undefined ? Buffer.byteLength(request.body) : Number(length)
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
