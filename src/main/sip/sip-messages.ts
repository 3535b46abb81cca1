/** What the layers above the endpoint see of SIP messages: outcomes, responses, NOTIFYs and the requests they send. */
import type { Core } from 'sip.js'
import { isUnreachableWarning } from './transport'

/**
 * What became of a request: the server `answered` (whatever the code), or nothing answered in time
 * (`timed-out`, a 408 of our own), or nothing listens there / the connection failed
 * (`unreachable`, a 503 of our own).
 */
export type SipOutcome = 'answered' | 'timed-out' | 'unreachable'

/** A response as the layers above see it. */
export interface SipResponse {
  outcome: SipOutcome
  code: number
  reason: string
  header(name: string): string | undefined
  headers(name: string): string[]
}

export interface SipRequestHandlers {
  onProgress?(response: SipResponse): void
  onFinal(response: SipResponse): void
}

/** An incoming NOTIFY of a subscription we created. Answer it exactly once. */
export interface SipNotify {
  cseq: number
  body: string
  header(name: string): string | undefined
  accept(): void
  reject(code: number): void
}

export interface OutgoingSipRequest {
  callId: string
  fromTag: string
  /** The CSeq number last used (digest retries increment it). */
  readonly cseq: number
}

/** Responses without a Via were made up on this side (sip.js's timeout, a transport failure); the transport marks its ICMP 503. */
export function outcomeOf(code: number, header: (name: string) => string | undefined): SipOutcome {
  if (isUnreachableWarning(header('Warning'))) return 'unreachable'
  if (header('Via') !== undefined) return 'answered'
  return code === 408 ? 'timed-out' : 'unreachable'
}

export function toSipResponse(message: Core.IncomingResponseMessage): SipResponse {
  return {
    outcome: outcomeOf(message.statusCode ?? 0, (name) => message.getHeader(name)),
    code: message.statusCode ?? 0,
    reason: message.reasonPhrase ?? '',
    header: (name) => message.getHeader(name),
    headers: (name) => message.getHeaders(name)
  }
}
