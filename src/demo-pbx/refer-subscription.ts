/**
 * The implicit subscription a REFER creates (RFC 3515 §2.4.4, RFC 6665): NOTIFYs with Event: refer
 * and a message/sipfrag status line, one at a time in order, the last with Subscription-State:
 * terminated. A NOTIFY that is refused or never answered ends the subscription; the call goes on.
 */
import type { Flow } from './sip-network'
import { contactHeader, type SipContext } from './sip-context'
import { header, type SipRequest } from './sip-message'

const SUBSCRIPTION_SECONDS = 60

interface Report {
  status: number
  reason: string
  final: boolean
}

export class ReferSubscription {
  readonly #context: SipContext
  readonly #refer: SipRequest
  readonly #flow: Flow
  readonly #target: string
  readonly #localTag: string
  readonly #queue: Report[] = []
  #cseq = 1
  #sending = false
  #ended = false

  /** `target` is the REFER's Contact URI; `localTag` the To tag of our 202. */
  constructor(context: SipContext, refer: SipRequest, flow: Flow, target: string, localTag: string) {
    this.#context = context
    this.#refer = refer
    this.#flow = flow
    this.#target = target
    this.#localTag = localTag
  }

  /** Queues a NOTIFY reporting this status line; `final` ends the subscription. */
  report(status: number, reason: string, final: boolean): void {
    if (this.#ended) return
    this.#queue.push({ status, reason, final })
    if (final) this.#ended = true
    this.#sendNext()
  }

  #sendNext(): void {
    const next = this.#queue.shift()
    if (this.#sending || !next) {
      if (next) this.#queue.unshift(next)
      return
    }
    this.#sending = true
    const to = header(this.#refer, 'to') ?? ''
    const notify: SipRequest = {
      kind: 'request',
      method: 'NOTIFY',
      uri: this.#target,
      headers: [
        ['Max-Forwards', '70'],
        ['From', `${to};tag=${this.#localTag}`],
        ['To', header(this.#refer, 'from') ?? ''],
        ['Call-ID', header(this.#refer, 'call-id') ?? ''],
        ['CSeq', `${this.#cseq++} NOTIFY`],
        ['Contact', contactHeader(this.#context, this.#flow)],
        ['Event', 'refer'],
        ['Subscription-State', next.final ? 'terminated;reason=noresource' : `active;expires=${SUBSCRIPTION_SECONDS}`],
        ['Content-Type', 'message/sipfrag;version=2.0']
      ],
      body: `SIP/2.0 ${next.status} ${next.reason}\r\n`
    }
    this.#context.transactions.request(notify, this.#flow, {
      response: (response) => {
        if (response.status < 200) return
        this.#sending = false
        if (response.status >= 300) this.#abandon(`was refused with ${response.status} ${response.reason}`)
        else this.#sendNext()
      },
      timeout: () => {
        this.#sending = false
        this.#abandon('got no answer')
      }
    })
  }

  #abandon(why: string): void {
    this.#ended = true
    this.#queue.length = 0
    this.#context.log(`call ${header(this.#refer, 'call-id')}: a NOTIFY ${why}; no further progress is reported`)
  }
}
