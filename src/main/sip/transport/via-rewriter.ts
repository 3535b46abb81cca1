/**
 * Top Via fix-ups between sip.js and the network.
 *
 * sip.js writes `Via: SIP/2.0/<PROTO> <viaHost>;branch=...` without a port, and drops any response
 * whose top Via sent-by is not exactly `viaHost` without a port. The server needs our real address
 * and port to answer (RFC 3261 18.2.2, RFC 3581 rport), so requests leave with the bound socket's
 * address and responses come back with `viaHost` restored. Only the top Via value is touched, even
 * when several values share one header line.
 */
import { findHeader } from './sip-message-head'

interface TopVia {
  /** Offsets into the message of the sent-by (`host[:port]`) of the top Via value. */
  sentByStart: number
  sentByEnd: number
  /** Offset where the top Via value's parameters end (a comma or the end of the line). */
  paramsEnd: number
}

const VIA_NAMES = ['via', 'v']
// `\s`, not `[ \t]`: a folded value keeps its CRLF before the continuation line's whitespace.
const SENT_PROTOCOL = /^\s*SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z0-9.!%*_+`'~-]+\s+/i
const SENT_BY = /^(?:\[[0-9A-Fa-f:.]+\]|[^\s;,:[\]]+)(?:\s*:\s*\d+)?/
const BRANCH_PARAM = /;\s*branch\s*=\s*([^;,\s]+)/i
const RPORT_PARAM = /;\s*rport\s*(?:[=;]|$)/i

function findTopVia(message: string): TopVia | undefined {
  const header = findHeader(message, VIA_NAMES)
  if (!header) return undefined
  const value = message.slice(header.valueStart, header.valueEnd)
  const protocol = SENT_PROTOCOL.exec(value)
  if (!protocol) return undefined
  const sentBy = SENT_BY.exec(value.slice(protocol[0].length))
  if (!sentBy) return undefined
  const sentByStart = header.valueStart + protocol[0].length
  const sentByEnd = sentByStart + sentBy[0].length
  return { sentByStart, sentByEnd, paramsEnd: endOfFirstValue(message, sentByEnd, header.valueEnd) }
}

/** A comma inside a quoted parameter value does not separate Via values. */
function endOfFirstValue(message: string, from: number, to: number): number {
  let quoted = false
  for (let i = from; i < to; i++) {
    const c = message[i]
    if (c === '"') quoted = !quoted
    else if (c === '\\' && quoted) i++
    else if (c === ',' && !quoted) return i
  }
  return to
}

/** `host:port` as written in a Via sent-by, bracketing IPv6 addresses. */
export function formatSentBy(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}

/** The branch parameter of the top Via, which names the transaction. */
export function topViaBranch(message: string): string | undefined {
  const via = findTopVia(message)
  if (!via) return undefined
  return BRANCH_PARAM.exec(message.slice(via.sentByEnd, via.paramsEnd))?.[1]
}

/** For an outgoing request: top Via sent-by becomes `sentBy` and `;rport` is asked for. */
export function rewriteRequestVia(message: string, sentBy: string): string {
  const via = findTopVia(message)
  if (!via) return message
  const rport = RPORT_PARAM.test(message.slice(via.sentByEnd, via.paramsEnd)) ? '' : ';rport'
  return message.slice(0, via.sentByStart) + sentBy + rport + message.slice(via.sentByEnd)
}

/** For an incoming response: top Via sent-by becomes exactly `viaHost`, parameters kept. */
export function restoreResponseVia(message: string, viaHost: string): string {
  const via = findTopVia(message)
  if (!via) return message
  return message.slice(0, via.sentByStart) + viaHost + message.slice(via.sentByEnd)
}
