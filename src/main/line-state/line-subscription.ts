import { settleWithin } from '../../shared/settle-within'
import { backoffDelayMs, DEFAULT_BACKOFF, parseRetryAfterSeconds, type BackoffPolicy } from '../sip/backoff'
import type { SipEndpoint, SipLog, SipNotify, SipResponse } from '../sip/sip-endpoint'
import { DialogInfoView, parseDialogInfo } from './dialog-info'
import type { LineStatus } from './line-status'
import { parsePidf } from './pidf'
import { canMoveSubscription, type SubscriptionState, type SubscriptionStatus } from './subscription-state'

/** dialog: RFC 4235 dialog-info; presence: RFC 3856 PIDF (Cisco CME, servers that answer 489 to dialog). */
export type EventPackage = 'dialog' | 'presence'

const ACCEPT: Record<EventPackage, string> = { dialog: 'application/dialog-info+xml', presence: 'application/pidf+xml' }

/** Answers after which asking again cannot help. */
const REFUSALS = new Set([401, 403, 404, 405, 407, 415, 484, 488, 489, 501, 603])

export interface LineSubscriptionOptions {
  number: string
  endpoint: () => SipEndpoint | undefined
  /** Which package to ask for now (the watch remembers per server what the server speaks). */
  eventPackage: () => EventPackage
  /** The server answered 489 to `Event: dialog`: the caller switches the server to presence. */
  onDialogRefused: () => void
  onLine: (status: LineStatus) => void
  onStatus: (status: SubscriptionStatus) => void
  log: SipLog
  expires: number
  backoff?: BackoffPolicy
  unsubscribeTimeoutMs?: number
  random?: () => number
}

/** Where one subscription dialog stands: its identity, the next CSeq and the server's side once known. */
interface SubscriptionDialog {
  eventPackage: EventPackage
  callId: string
  fromTag: string
  nextCseq: number
  toTag?: string
  target?: string
  lastNotifyCseq: number
  unwatch: () => void
}

/** One watched line: SUBSCRIBE, refresh before expiry, renewal with backoff, NOTIFYs applied in order. */
export class LineSubscription {
  readonly #options: LineSubscriptionOptions
  readonly #view: DialogInfoView
  #status: SubscriptionStatus
  #dialog: SubscriptionDialog | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #failures = 0
  #stopped = false
  #line: LineStatus
  #onEnded: (() => void) | undefined

  constructor(options: LineSubscriptionOptions) {
    this.#options = options
    this.#view = new DialogInfoView(options.number)
    this.#status = { number: options.number, state: 'subscribing', reason: 'Asking the phone system...' }
    this.#line = { number: options.number, state: 'unknown' }
  }

  get status(): SubscriptionStatus {
    return this.#status
  }

  get line(): LineStatus {
    return this.#line
  }

  start(): void {
    this.#subscribe()
  }

  /** A new registration or another server: the old subscription may be gone, so make a new one now. */
  renew(): void {
    if (this.#stopped || this.#status.state === 'refused') return
    this.#clearTimer()
    this.#endDialog()
    this.#move('terminated', 'Subscribing again after the connection changed.')
    this.#subscribe()
  }

  /** Unsubscribes (`Expires: 0`), waiting at most `unsubscribeTimeoutMs` for the server's answer. */
  async stop(): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    this.#clearTimer()
    const dialog = this.#dialog
    if (dialog?.toTag !== undefined && this.#status.state !== 'refused') {
      const ended = new Promise<void>((resolve) => {
        this.#onEnded = resolve
        try {
          // Done at the final NOTIFY (RFC 6665 §4.1.2.3), or at once if the server refuses.
          this.#send(dialog, 0, (response) => {
            if (response.code >= 300) resolve()
          })
        } catch {
          resolve()
        }
      })
      await settleWithin(ended, this.#options.unsubscribeTimeoutMs ?? 2_000)
    }
    this.#endDialog()
    this.#move('terminated', 'No longer watched.')
  }

  #move(state: SubscriptionState, reason: string, code?: number): void {
    if (!canMoveSubscription(this.#status.state, state))
      throw new Error(`The subscription to ${this.#options.number} cannot move from ${this.#status.state} to ${state}.`)
    const changed = state !== this.#status.state || reason !== this.#status.reason
    this.#status = { number: this.#options.number, state, reason, ...(code !== undefined && { code }) }
    if (changed) this.#options.onStatus(this.#status)
    if (state === 'refused') this.#setLine({ number: this.#options.number, state: 'unknown' })
  }

  #setLine(line: LineStatus): void {
    const before = this.#line
    this.#line = line
    if (
      before.state !== line.state ||
      before.remote !== line.remote ||
      before.direction !== line.direction ||
      before.remoteName !== line.remoteName
    )
      this.#options.onLine(line)
  }

  #clearTimer(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #endDialog(): void {
    this.#dialog?.unwatch()
    this.#dialog = undefined
    this.#onEnded = undefined
  }

  /** A new subscription dialog: a fresh Call-ID and From-tag, the package the server speaks. */
  #subscribe(): void {
    if (this.#stopped) return
    if (this.#status.state === 'active' || this.#status.state === 'pending')
      this.#move('terminated', 'Subscribing again.')
    if (this.#status.state !== 'subscribing') this.#move('subscribing', 'Asking the phone system...')
    const endpoint = this.#options.endpoint()
    if (!endpoint) return this.#retryLater(503, undefined, 'DeskDial is not connected to the phone system.')
    const eventPackage = this.#options.eventPackage()
    this.#view.restart()
    const dialog: SubscriptionDialog = {
      eventPackage,
      callId: '',
      fromTag: '',
      nextCseq: 1,
      lastNotifyCseq: 0,
      unwatch: () => undefined
    }
    this.#dialog = dialog
    try {
      this.#send(dialog, this.#options.expires, (response) => this.#onAnswer(dialog, response), endpoint)
    } catch (error) {
      this.#retryLater(503, undefined, (error as Error).message)
    }
  }

  /** Sends SUBSCRIBE on `dialog` (the first one opens it and starts hearing its NOTIFYs). */
  #send(dialog: SubscriptionDialog, expires: number, onFinal: (r: SipResponse) => void, endpoint?: SipEndpoint): void {
    const via = endpoint ?? this.#options.endpoint()
    if (!via) throw new Error('DeskDial is not connected to the phone system.')
    const line = via.uri(this.#options.number)
    const target = (dialog.target && via.parseUri(dialog.target)) || line
    const headers = [
      `Event: ${dialog.eventPackage}`,
      `Accept: ${ACCEPT[dialog.eventPackage]}`,
      `Expires: ${expires}`,
      `Contact: ${via.contact}`
    ]
    const opening = dialog.callId === ''
    const request = via.send(
      'SUBSCRIBE',
      target,
      line,
      headers,
      {
        onFinal: (response) => {
          // A digest retry (401/407) used the next CSeq: the dialog goes on after it.
          dialog.nextCseq = Math.max(dialog.nextCseq, request.cseq + 1)
          onFinal(response)
        }
      },
      {
        ...(!opening && { callId: dialog.callId, fromTag: dialog.fromTag, toTag: dialog.toTag, cseq: dialog.nextCseq }),
        beforeSend: (outgoing) => {
          if (!opening) return
          dialog.callId = outgoing.callId
          dialog.fromTag = outgoing.fromTag
          // NOTIFYs may overtake the 2xx: the watch is in place before the SUBSCRIBE leaves.
          dialog.unwatch = via.watchNotifies(outgoing.callId, outgoing.fromTag, dialog.eventPackage, (notify) =>
            this.#onNotify(dialog, notify)
          )
        }
      }
    )
    dialog.nextCseq = request.cseq + 1
  }

  #onAnswer(dialog: SubscriptionDialog, response: SipResponse): void {
    if (this.#stopped || dialog !== this.#dialog) return
    const { code } = response
    if (code >= 200 && code < 300) {
      this.#failures = 0
      dialog.toTag ??= /;\s*tag=([^;>\s]+)/i.exec(response.header('To') ?? '')?.[1]
      const granted = Number(response.header('Expires'))
      const expires =
        Number.isFinite(granted) && granted > 0 ? Math.min(granted, this.#options.expires) : this.#options.expires
      this.#scheduleRefresh(dialog, expires)
      return
    }
    this.#endDialog()
    if (code === 489 && dialog.eventPackage === 'dialog') {
      this.#options.log(
        'info',
        `${response.code} to Event: dialog for ${this.#options.number}: watching presence instead.`
      )
      this.#options.onDialogRefused()
      return this.#subscribe()
    }
    if (code === 481) return this.#retryLater(code, undefined, 'The phone system forgot the subscription.')
    if (REFUSALS.has(code) && response.outcome === 'answered')
      return this.#move(
        'refused',
        `The phone system does not let DeskDial watch ${this.#options.number} (SIP ${code}).`,
        code
      )
    const reason =
      response.outcome === 'answered' ? `The phone system answered SIP ${code}.` : 'The phone system did not answer.'
    this.#retryLater(code, parseRetryAfterSeconds(response.header('Retry-After')), reason)
  }

  /** Refreshes well before expiry: a quarter of the time left, at most 30 s early. */
  #scheduleRefresh(dialog: SubscriptionDialog, expires: number): void {
    this.#clearTimer()
    const refreshIn = Math.max(1, expires - Math.min(30, expires / 4))
    this.#timer = setTimeout(() => this.#refresh(dialog), refreshIn * 1_000)
  }

  #refresh(dialog: SubscriptionDialog): void {
    if (this.#stopped || dialog !== this.#dialog) return
    try {
      this.#send(dialog, this.#options.expires, (response) => this.#onAnswer(dialog, response))
    } catch (error) {
      this.#retryLater(503, undefined, (error as Error).message)
    }
  }

  #retryLater(code: number | undefined, retryAfterSeconds: number | undefined, reason: string): void {
    this.#endDialog()
    this.#failures += 1
    const delayMs =
      retryAfterSeconds !== undefined
        ? retryAfterSeconds * 1_000
        : backoffDelayMs(this.#failures, this.#options.backoff ?? DEFAULT_BACKOFF, this.#options.random)
    this.#move('terminated', reason, code)
    // Renewed at once, the line keeps its last state; while waiting to retry, nobody can see it.
    this.#setLine({ number: this.#options.number, state: 'unknown' })
    this.#clearTimer()
    this.#timer = setTimeout(() => this.#subscribe(), delayMs)
  }

  #onNotify(dialog: SubscriptionDialog, notify: SipNotify): void {
    notify.accept()
    if (dialog !== this.#dialog || notify.cseq <= dialog.lastNotifyCseq) return
    dialog.lastNotifyCseq = notify.cseq
    dialog.toTag ??= /;\s*tag=([^;>\s]+)/i.exec(notify.header('From') ?? '')?.[1]
    dialog.target = /<([^>]+)>/.exec(notify.header('Contact') ?? '')?.[1] ?? dialog.target
    const subscriptionState = (notify.header('Subscription-State') ?? '').trim().toLowerCase()
    if (subscriptionState.startsWith('terminated')) return this.#onTerminated(subscriptionState)
    if (this.#stopped) return
    if (subscriptionState.startsWith('active')) this.#move('active', 'Watching.')
    else if (subscriptionState.startsWith('pending')) this.#move('pending', 'Waiting for the phone system to allow it.')
    this.#readBody(dialog, notify)
  }

  #readBody(dialog: SubscriptionDialog, notify: SipNotify): void {
    const number = this.#options.number
    try {
      if (dialog.eventPackage === 'presence') {
        if (notify.body.trim()) this.#setLine({ number, state: parsePidf(notify.body) })
        return
      }
      if (!notify.body.trim()) return this.#setLine(this.#view.clear())
      const outcome = this.#view.apply(parseDialogInfo(notify.body))
      if (outcome.kind === 'applied') this.#setLine(outcome.status)
      // A NOTIFY was lost: a refresh makes the server send the full state.
      if (outcome.kind === 'resync') this.#refresh(dialog)
    } catch (error) {
      this.#options.log(
        'warn',
        `Ignored a ${dialog.eventPackage} document about ${number}: ${(error as Error).message}.`
      )
    }
  }

  /** RFC 6665 §4.1.3: retry at once after timeout/deactivated, later after probation/giveup, never after rejected/noresource. */
  #onTerminated(subscriptionState: string): void {
    const reason = /;\s*reason=([a-z-]+)/.exec(subscriptionState)?.[1] ?? 'unknown'
    const retryAfter = Number(/;\s*retry-after=(\d+)/.exec(subscriptionState)?.[1])
    this.#onEnded?.()
    if (this.#stopped) return
    this.#endDialog()
    if (reason === 'rejected' || reason === 'noresource')
      return this.#move('refused', `The phone system ended the subscription to ${this.#options.number} (${reason}).`)
    this.#move('terminated', `The phone system ended the subscription (${reason}).`)
    if (reason === 'timeout' || reason === 'deactivated') return this.#subscribe()
    this.#retryLater(
      undefined,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      `The phone system ended the subscription (${reason}).`
    )
  }
}
