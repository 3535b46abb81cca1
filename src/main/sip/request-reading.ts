/**
 * How the request screen reads a request that sip.js may not be able to: a start line with stray
 * spaces, a version other than 2.0, URIs in schemes sip.js does not know. Only what the screen
 * needs to decide on an answer is read; sip.js parses whatever passes.
 */

export interface Header {
  name: string
  value: string
}

export interface Request {
  method: string
  uri: string
  version: string
  /** Whether the Request-Line is exactly `Method SP Request-URI SP SIP-Version` (RFC 3261 7.1). */
  strictStartLine: boolean
  headers: Header[]
  body: string
}

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

/**
 * `Method Request-URI SIP/x.y` with any spaces or tabs, too many or missing: the method is what
 * comes before the first space or colon, the URI what lies between it and the version.
 */
const LOOSE_START_LINE = /^[ \t]*([^\s:]+)[ \t]*(.*?)[ \t]*(SIP\/\S*)[ \t]*$/i
const STRICT_START_LINE = /^\S+ \S+ \S+$/

/** The request in `message`, or undefined when its first line is no SIP Request-Line at all. */
export function readRequest(message: string): Request | undefined {
  const headEnd = message.indexOf('\r\n\r\n')
  const head = headEnd === -1 ? message : message.slice(0, headEnd)
  const body = headEnd === -1 ? '' : message.slice(headEnd + 4)
  // Folded lines (RFC 3261 7.3.1) join their header with one space.
  const lines = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')
  const startLine = LOOSE_START_LINE.exec(lines[0])
  if (!startLine) return undefined
  const headers: Header[] = []
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    headers.push({ name: COMPACT_NAMES[name] ?? name, value: line.slice(colon + 1).trim() })
  }
  return {
    method: startLine[1],
    uri: startLine[2],
    version: startLine[3],
    strictStartLine: STRICT_START_LINE.test(lines[0]),
    headers,
    body
  }
}

export function values(request: Request, name: string): string[] {
  return request.headers.filter((header) => header.name === name).map((header) => header.value)
}

/** The URI of a To, From or Contact value (`"name" <uri>;params` or `uri;params`). */
export function addressUri(value: string): string {
  const open = value.indexOf('<')
  return open === -1 ? value : value.slice(open + 1)
}

/** The URI scheme, lower case, or undefined when `uri` does not start with one. */
export function schemeOf(uri: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1].toLowerCase()
}

interface SipUriParts {
  /** Unescaped (RFC 3261 19.1.4), as it is compared; undefined when the URI names no user. */
  user: string | undefined
  host: string
  /** Whether `?headers` follow the host; a Request-URI may not carry them (RFC 3261 19.1.1). */
  hasHeaders: boolean
}

/** The parts of a `sip:` or `sips:` URI the screen decides on. */
export function sipUriParts(uri: string): SipUriParts {
  const rest = uri.slice(uri.indexOf(':') + 1)
  const at = rest.indexOf('@')
  const userinfo = at === -1 ? undefined : rest.slice(0, at)
  const hostport = at === -1 ? rest : rest.slice(at + 1)
  const host = /^(\[[^\]]*\]|[^;?]*)/.exec(hostport)?.[1] ?? ''
  return {
    user: userinfo === undefined ? undefined : percentDecoded(userinfo.split(':')[0]),
    host,
    hasHeaders: hostport.includes('?')
  }
}

/** An IPv6 address written as a host without its brackets (RFC 3261 19.1.1, RFC 5118 4.2): at most one colon, the port's, may follow a host. */
export function isUnbracketedIpv6(host: string): boolean {
  return !host.startsWith('[') && host.split(':').length > 2
}

function percentDecoded(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
