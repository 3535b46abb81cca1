/**
 * Client-transaction request retransmission over UDP (RFC 3261 17.1.1.2 Timer A, 17.1.2.2 Timer E).
 * sip.js's transactions assume a reliable transport and never retransmit, so over UDP one lost
 * datagram would otherwise cost a 32 s Timer F timeout.
 */
import { callIdOf, readCseq, readStartLine, viaValueCount } from './sip-message-head'
import { topViaBranch } from './via-rewriter'

/** RFC 3261 timer values in milliseconds; injectable so tests can shrink them. */
export interface RetransmitTimers {
  /** Round-trip estimate: first retransmission interval. */
  t1Ms: number
  /** Longest interval between non-INVITE retransmissions. */
  t2Ms: number
}

export const RFC3261_TIMERS: RetransmitTimers = { t1Ms: 500, t2Ms: 4000 }

interface PendingRequest {
  method: string
  callId: string | undefined
  cseq: string | undefined
  message: string
  data: Buffer
  /** A provisional response arrived: a non-INVITE request is then resent every T2. */
  proceeding: boolean
  resendTimer?: ReturnType<typeof setTimeout>
  giveUpTimer: ReturnType<typeof setTimeout>
}

export class UdpRetransmitter {
  private readonly pending = new Map<string, PendingRequest>()
  private readonly resend: (data: Buffer) => void
  private readonly timers: RetransmitTimers

  constructor(resend: (data: Buffer) => void, timers: RetransmitTimers = RFC3261_TIMERS) {
    this.resend = resend
    this.timers = timers
  }

  /** Starts retransmitting a request just sent. ACK is never retransmitted (it has no response). */
  requestSent(message: string, data: Buffer): void {
    const startLine = readStartLine(message)
    const branch = topViaBranch(message)
    if (startLine?.kind !== 'request' || startLine.method === 'ACK' || !branch) return
    const key = transactionKey(branch, startLine.method)
    this.stop(key)
    // Timer B/F: sip.js runs its own and reports 408; past it nobody waits for an answer.
    const giveUpTimer = setTimeout(() => this.stop(key), 64 * this.timers.t1Ms)
    const request: PendingRequest = {
      method: startLine.method,
      callId: callIdOf(message),
      cseq: readCseq(message)?.number,
      message,
      data,
      proceeding: false,
      giveUpTimer
    }
    this.pending.set(key, request)
    this.schedule(request, this.timers.t1Ms)
  }

  /**
   * Slows down or stops retransmission of the request this response answers. A response with more
   * than one Via, or whose Call-ID or CSeq number is not its request's, answers nothing (RFC 3261
   * 8.1.3.3, 17.1.3): the SIP layer discards it, so the request keeps going out.
   */
  responseReceived(message: string): void {
    const startLine = readStartLine(message)
    const branch = topViaBranch(message)
    const cseq = readCseq(message)
    if (startLine?.kind !== 'response' || !branch || !cseq) return
    const key = transactionKey(branch, cseq.method)
    const request = this.pending.get(key)
    if (
      !request ||
      viaValueCount(message) !== 1 ||
      callIdOf(message) !== request.callId ||
      cseq.number !== request.cseq
    )
      return
    // An INVITE stops at a provisional response (17.1.1.2); others continue every T2 (17.1.2.2).
    if (startLine.status >= 200 || request.method === 'INVITE') this.stop(key)
    else request.proceeding = true
  }

  stopAll(): void {
    for (const key of [...this.pending.keys()]) this.stop(key)
  }

  /** Stops every retransmission and returns the requests still waiting for a final response. */
  abandonAll(): string[] {
    const waiting = [...this.pending.values()].map((request) => request.message)
    this.stopAll()
    return waiting
  }

  private schedule(request: PendingRequest, delayMs: number): void {
    request.resendTimer = setTimeout(() => {
      this.resend(request.data)
      this.schedule(request, this.nextInterval(request, delayMs))
    }, delayMs)
  }

  /** Timer A doubles without a cap (Timer B ends it); Timer E doubles up to T2, or is T2 once proceeding. */
  private nextInterval(request: PendingRequest, previousMs: number): number {
    if (request.method === 'INVITE') return 2 * previousMs
    if (request.proceeding) return this.timers.t2Ms
    return Math.min(2 * previousMs, this.timers.t2Ms)
  }

  private stop(key: string): void {
    const request = this.pending.get(key)
    if (!request) return
    clearTimeout(request.resendTimer)
    clearTimeout(request.giveUpTimer)
    this.pending.delete(key)
  }
}

/** RFC 3261 17.1.3: the branch plus the CSeq method, since a CANCEL shares its INVITE's branch. */
function transactionKey(branch: string, method: string): string {
  return `${branch} ${method}`
}
