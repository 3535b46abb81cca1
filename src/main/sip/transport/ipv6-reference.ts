/**
 * RFC 3261's ABNF, copied from RFC 2373, allows an IPv6 reference with three colons before an
 * embedded IPv4 address (`[2001:db8:::192.0.2.1]`); RFC 5118 4.10 asks receivers to tolerate it as
 * the two-colon form it means. sip.js's grammar reads only the correct form, so the transport
 * rewrites the header section before sip.js sees it. No IPv6 address contains `:::` otherwise.
 */
const ABNF_BUG_REFERENCE = /\[([0-9A-Fa-f:]*):::((?:\d{1,3}\.){3}\d{1,3})\]/g

/** `message` with every three-colon IPv6 reference in its header section written with two colons. */
export function tolerateAbnfBugIpv6(message: string): string {
  const headEnd = message.indexOf('\r\n\r\n')
  const head = headEnd === -1 ? message : message.slice(0, headEnd)
  if (!head.includes(':::')) return message
  return head.replace(ABNF_BUG_REFERENCE, '[$1::$2]') + (headEnd === -1 ? '' : message.slice(headEnd))
}
