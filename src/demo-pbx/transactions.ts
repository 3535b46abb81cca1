/**
 * The transaction layer (RFC 3261 §17), as far as the demo phone system needs it.
 *
 * Server side: every answered request is remembered for 32 s (Timer J), so a retransmitted request
 * gets the same response again instead of being handled twice; a request still being handled is
 * absorbed. Bounded: the oldest entries make room when MAX_SERVER_TRANSACTIONS is reached.
 *
 * Client side, per request the demo phone system sends:
 * ```
 *             send (UDP: retransmit T1, 2T1, 4T1 ... Timer A/E)
 *   calling ---1xx--> proceeding (INVITE: no more retransmissions; others: every T2)
 *      |                 |
 *      +----final--------+--> completed (non-2xx INVITE answers are ACKed here, and again on
 *      |                          retransmission; 2xx go to the call, which ACKs them itself)
 *      +--64*T1 without an answer (Timer B/F)--> timed out
 * ```
 */
import { randomBytes } from 'node:crypto'
import type { Flow } from './sip-network'
import { header, parseCSeq, topVia, type SipRequest, type SipResponse } from './sip-message'

export interface TransactionTiming {
  t1Ms: number
  t2Ms: number
}

export const DEFAULT_TRANSACTION_TIMING: TransactionTiming = { t1Ms: 500, t2Ms: 4_000 }

export const MAX_SERVER_TRANSACTIONS = 4_096

export interface ClientTransactionHandlers {
  /** Every provisional response, the final response once, and (INVITE) every 2xx retransmission. */
  response(response: SipResponse): void
  /** No final response within 64*T1 (non-INVITE, or INVITE before any provisional). */
  timeout(): void
}

interface ServerEntry {
  createdAt: number
  flow: Flow
  response?: SipResponse
}

interface ClientEntry {
  request: SipRequest
  flow: Flow
  handlers: ClientTransactionHandlers
  state: 'calling' | 'proceeding' | 'completed'
  retransmit?: ReturnType<typeof setTimeout>
  giveUp?: ReturnType<typeof setTimeout>
  ack?: SipRequest
  interval: number
}

export interface TransactionLayerOptions {
  send(message: SipRequest | SipResponse, flow: Flow): void
  /** The host and port for our Via headers. */
  sentBy: string
  timing: TransactionTiming
}

export function newBranch(): string {
  return `z9hG4bK-${randomBytes(8).toString('hex')}`
}

function serverKey(request: SipRequest): string {
  const via = topVia(request)
  const method = request.method === 'ACK' ? 'INVITE' : request.method
  return `${via?.branch ?? header(request, 'call-id')}|${via?.host}:${via?.port}|${method}`
}

function clientKey(branch: string | undefined, method: string): string {
  return `${branch}|${method}`
}

export class TransactionLayer {
  readonly #options: TransactionLayerOptions
  readonly #server = new Map<string, ServerEntry>()
  readonly #client = new Map<string, ClientEntry>()
  readonly #sweeper: ReturnType<typeof setInterval>

  constructor(options: TransactionLayerOptions) {
    this.#options = options
    this.#sweeper = setInterval(() => this.#sweep(), 64 * options.timing.t1Ms)
  }

  /**
   * A request arrived. Returns true when the transaction layer absorbed it: a retransmission
   * (answered again with the stored response), or an ACK to a non-2xx answer.
   */
  absorbsRequest(request: SipRequest, flow: Flow): boolean {
    const key = serverKey(request)
    const entry = this.#server.get(key)
    if (request.method === 'ACK') return entry !== undefined
    if (entry) {
      if (entry.response) this.#options.send(entry.response, flow)
      return true
    }
    if (this.#server.size >= MAX_SERVER_TRANSACTIONS) this.#server.delete(this.#server.keys().next().value as string)
    this.#server.set(key, { createdAt: Date.now(), flow })
    return false
  }

  /** Sends a response to a request and remembers the final one for retransmissions. */
  respond(request: SipRequest, response: SipResponse): void {
    const entry = this.#server.get(serverKey(request))
    if (entry && response.status >= 200) entry.response = response
    const flow = entry?.flow
    if (flow) this.#options.send(response, flow)
  }

  #via(flow: Flow, branch: string): [string, string] {
    return ['Via', `SIP/2.0/${flow.transport.toUpperCase()} ${this.#options.sentBy};branch=${branch};rport`]
  }

  /**
   * Sends a request as a client transaction: our Via with a fresh branch is put on top, unless the
   * request has its Via already (a CANCEL shares its INVITE's branch, RFC 3261 §9.1).
   */
  request(request: SipRequest, flow: Flow, handlers: ClientTransactionHandlers): void {
    const branch = topVia(request)?.branch ?? newBranch()
    if (!header(request, 'via')) request.headers.unshift(this.#via(flow, branch))
    const entry: ClientEntry = { request, flow, handlers, state: 'calling', interval: this.#options.timing.t1Ms }
    this.#client.set(clientKey(branch, request.method), entry)
    this.#options.send(request, flow)
    if (flow.transport === 'udp') this.#scheduleRetransmit(entry)
    entry.giveUp = setTimeout(() => {
      if (entry.state === 'completed' || (entry.state === 'proceeding' && request.method === 'INVITE')) return
      this.#finish(branch, entry)
      handlers.timeout()
    }, 64 * this.#options.timing.t1Ms)
  }

  #scheduleRetransmit(entry: ClientEntry): void {
    entry.retransmit = setTimeout(() => {
      if (entry.state === 'completed' || (entry.state === 'proceeding' && entry.request.method === 'INVITE')) return
      this.#options.send(entry.request, entry.flow)
      entry.interval =
        entry.state === 'proceeding'
          ? this.#options.timing.t2Ms
          : entry.request.method === 'INVITE'
            ? entry.interval * 2
            : Math.min(entry.interval * 2, this.#options.timing.t2Ms)
      this.#scheduleRetransmit(entry)
    }, entry.interval)
  }

  /** The ACK of a 2xx is a transaction of its own that is never answered (RFC 3261 §13.2.2.4). */
  sendAck(ack: SipRequest, flow: Flow): void {
    if (!header(ack, 'via')) ack.headers.unshift(this.#via(flow, newBranch()))
    this.#options.send(ack, flow)
  }

  /** A response arrived. Returns false when it matches no transaction of ours (a stray response). */
  handleResponse(response: SipResponse): boolean {
    const branch = topVia(response)?.branch
    const method = parseCSeq(response)?.method ?? ''
    const entry = this.#client.get(clientKey(branch, method))
    if (!entry) return false
    if (response.status < 200) {
      if (entry.state === 'calling') {
        entry.state = 'proceeding'
        entry.interval = this.#options.timing.t2Ms
      }
      if (entry.state !== 'completed') entry.handlers.response(response)
      return true
    }
    if (method === 'INVITE' && response.status >= 300) {
      entry.ack ??= this.#ackFor(entry.request, response)
      this.#options.send(entry.ack, entry.flow)
    }
    const first = entry.state !== 'completed'
    entry.state = 'completed'
    clearTimeout(entry.retransmit)
    clearTimeout(entry.giveUp)
    if (first || (method === 'INVITE' && response.status < 300)) entry.handlers.response(response)
    // Completed transactions linger for 64*T1 to absorb retransmitted answers (Timer D/K).
    if (first) entry.giveUp = setTimeout(() => this.#finish(branch, entry), 64 * this.#options.timing.t1Ms)
    return true
  }

  /** RFC 3261 §17.1.1.3: the ACK of a non-2xx answer belongs to the INVITE's transaction. */
  #ackFor(invite: SipRequest, response: SipResponse): SipRequest {
    const keep = ['via', 'from', 'call-id', 'route', 'max-forwards']
    const headers = invite.headers.filter(([name]) => keep.includes(name.toLowerCase()))
    headers.push(['To', header(response, 'to') ?? header(invite, 'to') ?? ''])
    headers.push(['CSeq', `${parseCSeq(invite)?.number ?? 1} ACK`])
    return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: '' }
  }

  #finish(branch: string | undefined, entry: ClientEntry): void {
    clearTimeout(entry.retransmit)
    clearTimeout(entry.giveUp)
    this.#client.delete(clientKey(branch, entry.request.method))
  }

  #sweep(): void {
    const oldest = Date.now() - 64 * this.#options.timing.t1Ms
    for (const [key, entry] of this.#server) {
      if (entry.createdAt < oldest) this.#server.delete(key)
    }
  }

  /** Sizes of the tables, for tests of the bounds. */
  get sizes(): { server: number; client: number } {
    return { server: this.#server.size, client: this.#client.size }
  }

  stop(): void {
    clearInterval(this.#sweeper)
    for (const entry of this.#client.values()) {
      clearTimeout(entry.retransmit)
      clearTimeout(entry.giveUp)
    }
    this.#client.clear()
    this.#server.clear()
  }
}
