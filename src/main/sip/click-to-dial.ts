import type { CallProgress, CallState } from '../../shared/call-progress'
import { validateDialString } from './dial-string'
import { CALL_MESSAGES, callFailedReason, referRefusedReason } from './call-messages'
import type { SipEndpoint, SipNotify, SipResponse } from './sip-endpoint'
import { parseSipfrag } from './sipfrag'

export interface ClickToDialTiming {
  /** A subscription that stays silent this long (after the 202 or the last NOTIFY) is a failure. 32 s, the non-INVITE transaction timeout (64*T1) a server has to send its next NOTIFY. */
  notifyTimeoutMs: number
  /** How long a finished call keeps answering late or retransmitted NOTIFYs. */
  lingerMs: number
}

export const DEFAULT_CLICK_TO_DIAL_TIMING: ClickToDialTiming = { notifyTimeoutMs: 32_000, lingerMs: 32_000 }

const RANK: Record<CallState, number> = { requesting: 0, trying: 1, ringing: 2, connected: 3, failed: 3 }

/**
 * One click-to-dial: an out-of-dialog REFER to the user's desk phone (RFC 3515) whose implicit
 * subscription reports the call's progress in message/sipfrag NOTIFYs.
 *
 * States only move forward (requesting → trying → ringing → connected | failed), so a NOTIFY that
 * overtakes the 202, or arrives out of order over UDP, never moves the call backwards.
 */
class ReferCall {
  #progress: CallProgress
  readonly #onProgress: (progress: CallProgress) => void
  readonly #timing: ClickToDialTiming
  readonly #onDisposed: () => void
  readonly #onNotifyAnswered: () => void
  readonly #seenNotifies = new Set<number>()
  #unwatch: () => void = () => undefined
  #silenceTimer: ReturnType<typeof setTimeout> | undefined
  #lingerTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    endpoint: SipEndpoint,
    line: string,
    dialString: string,
    timing: ClickToDialTiming,
    onProgress: (progress: CallProgress) => void,
    onDisposed: () => void,
    onNotifyAnswered: () => void
  ) {
    this.#onProgress = onProgress
    this.#onNotifyAnswered = onNotifyAnswered
    this.#timing = timing
    this.#onDisposed = onDisposed
    const desk = endpoint.uri(line)
    const referTo = endpoint.uri(dialString)
    const headers = [
      `Contact: ${endpoint.contact}`,
      `Refer-To: <${referTo.toString()}>`,
      `Referred-By: <${endpoint.aor.toString()}>`
    ]
    let id = ''
    endpoint.send(
      'REFER',
      desk,
      desk,
      headers,
      { onFinal: (response) => this.#onReferResponse(response) },
      {
        // The watch must be in place before the REFER leaves: its NOTIFYs may overtake the 202.
        beforeSend: (request) => {
          id = request.callId
          this.#unwatch = endpoint.watchNotifies(request.callId, request.fromTag, 'refer', (notify) =>
            this.#onNotify(notify)
          )
        }
      }
    )
    this.#progress = { id, target: dialString, state: 'requesting', reason: CALL_MESSAGES.requesting, at: Date.now() }
  }

  get progress(): CallProgress {
    return this.#progress
  }

  get isFinal(): boolean {
    return RANK[this.#progress.state] === 3
  }

  /** The transport is gone: no more progress can arrive. */
  connectionLost(): void {
    if (!this.isFinal) this.#advance('failed', CALL_MESSAGES.connectionLost)
  }

  dispose(): void {
    clearTimeout(this.#silenceTimer)
    clearTimeout(this.#lingerTimer)
    this.#unwatch()
    this.#onDisposed()
  }

  #advance(state: CallState, reason: string, code?: number): void {
    if (RANK[state] <= RANK[this.#progress.state] && !(state === 'failed' && !this.isFinal)) return
    this.#progress = { ...this.#progress, state, reason, code, at: Date.now() }
    if (this.isFinal) {
      clearTimeout(this.#silenceTimer)
      this.#lingerTimer = setTimeout(() => this.dispose(), this.#timing.lingerMs)
    }
    this.#onProgress(this.#progress)
  }

  #armSilenceTimer(): void {
    clearTimeout(this.#silenceTimer)
    if (this.isFinal) return
    this.#silenceTimer = setTimeout(
      () => this.#advance('failed', CALL_MESSAGES.subscriptionSilent),
      this.#timing.notifyTimeoutMs
    )
  }

  #onReferResponse(response: SipResponse): void {
    if (response.code >= 200 && response.code < 300) {
      this.#advance('trying', CALL_MESSAGES.trying, response.code)
      if (this.#seenNotifies.size === 0) this.#armSilenceTimer()
      return
    }
    const reason =
      response.outcome === 'answered' ? referRefusedReason(response.code) : CALL_MESSAGES.noAnswerFromServer
    this.#advance('failed', reason, response.code)
  }

  #onNotify(notify: SipNotify): void {
    notify.accept()
    this.#onNotifyAnswered()
    if (this.#seenNotifies.has(notify.cseq)) return
    this.#seenNotifies.add(notify.cseq)
    const status = parseSipfrag(notify.body)
    if (status) {
      if (status.code < 180) this.#advance('trying', CALL_MESSAGES.trying, status.code)
      else if (status.code < 200) this.#advance('ringing', CALL_MESSAGES.ringing(this.#progress.target), status.code)
      else if (status.code < 300) this.#advance('connected', CALL_MESSAGES.connected, status.code)
      else this.#advance('failed', callFailedReason(status.code), status.code)
    }
    if (/^\s*terminated/i.test(notify.header('Subscription-State') ?? '')) {
      // No final status line: a provisional code here would only mislead.
      this.#advance('failed', CALL_MESSAGES.subscriptionEndedWithoutResult)
    } else {
      this.#armSilenceTimer()
    }
  }
}

/** Places click-to-dial calls through the current endpoint and tracks each one by its Call-ID. */
export class ClickToDial {
  readonly #calls = new Map<string, ReferCall>()
  readonly #timing: ClickToDialTiming
  readonly #onProgress: (progress: CallProgress) => void
  #lastNotifyAnsweredAt: number | undefined

  constructor(onProgress: (progress: CallProgress) => void, timing: Partial<ClickToDialTiming> = {}) {
    this.#onProgress = onProgress
    this.#timing = { ...DEFAULT_CLICK_TO_DIAL_TIMING, ...timing }
  }

  /** Throws an Error with a sentence for people when `dialString` cannot be dialled. */
  dial(endpoint: SipEndpoint, line: string, dialString: string): CallProgress {
    const target = validateDialString(dialString)
    if (!target.ok) throw new Error(target.error)
    const call: ReferCall = new ReferCall(
      endpoint,
      line,
      target.value,
      this.#timing,
      this.#onProgress,
      () => {
        if (this.#calls.get(call.progress.id) === call) this.#calls.delete(call.progress.id)
      },
      () => (this.#lastNotifyAnsweredAt = Date.now())
    )
    this.#calls.set(call.progress.id, call)
    return call.progress
  }

  /** When DeskDial last answered a NOTIFY (milliseconds since the epoch): over UDP, the phone system repeats it until our 200 arrives. */
  get lastNotifyAnsweredAt(): number | undefined {
    return this.#lastNotifyAnsweredAt
  }

  /** True while a call still awaits its result: moving to another server now would lose its NOTIFYs. */
  get hasCallsInProgress(): boolean {
    return [...this.#calls.values()].some((call) => !call.isFinal)
  }

  connectionLost(): void {
    for (const call of [...this.#calls.values()]) call.connectionLost()
  }

  dispose(): void {
    for (const call of [...this.#calls.values()]) call.dispose()
  }
}
