import { findHeader } from './sip-message-head'

/** The headers a response must copy from its request (RFC 3261 §8.2.6.2), with their compact forms. */
const COPIED_HEADERS: ReadonlyArray<[name: string, forms: readonly string[]]> = [
  ['Via', ['via', 'v']],
  ['From', ['from', 'f']],
  ['To', ['to', 't']],
  ['Call-ID', ['call-id', 'i']],
  ['CSeq', ['cseq']]
]

const WARN_AGENT = 'deskdial'

/** True for the 503 below, which means no server listens, rather than a server that is busy. */
export function isUnreachableWarning(warning: string | undefined): boolean {
  return warning?.startsWith(`399 ${WARN_AGENT} `) ?? false
}

/**
 * The 503 that RFC 3261 §8.1.3.1 says a transport failure counts as, for a request the server's
 * host refused with ICMP port unreachable. Undefined when the request lacks a header to copy.
 */
export function unreachableResponse(request: string, remote: string): string | undefined {
  const lines = ['SIP/2.0 503 Service Unavailable']
  for (const [name, forms] of COPIED_HEADERS) {
    const header = findHeader(request, forms)
    if (!header) return undefined
    lines.push(`${name}: ${request.slice(header.valueStart, header.valueEnd).trim()}`)
  }
  lines.push(
    `Warning: 399 ${WARN_AGENT} "Nothing answers at ${remote}: the port is closed (ICMP port unreachable)"`,
    'Content-Length: 0',
    '',
    ''
  )
  return lines.join('\r\n')
}
