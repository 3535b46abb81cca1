/**
 * The demo-only "call me" number: dialling it makes a virtual colleague (1003) ring the user's
 * desk phone a few seconds later, so that a first run shows an incoming call. The REFER's
 * subscription hears 100 Trying, then 200 OK when the number "answers"; the call back then rings the
 * desk phone, which talks for a while when answered, and is cancelled when nobody answers.
 *
 * ```
 * waiting --delay over--> ringing --desk phone answers--> talking --talk time over / hang-up--> ended
 *                            +--ring time over / refused---------------------------------------> ended
 * ```
 */
import type { PhoneLeg, PhoneLegEvents } from './phone-leg'
import type { PhoneSystemSettings } from './demo-phone-system'
import type { ReferSubscription } from './refer-subscription'
import { virtualOffer } from './session-description'

export const CALL_ME_NUMBER = '1099'
/** The virtual colleague who calls back. */
export const CALLING_COLLEAGUE = '1003'
/** How the colleague's call shows on the desk phone. */
export const COLLEAGUE = { displayName: 'Colleague', user: CALLING_COLLEAGUE }
export const CALL_ME_DELAY_MS = 3_000

/** The phone system's settings the call back uses: the ring time, the virtual phones' talk time. */
export type CallMeBackSettings = Pick<PhoneSystemSettings, 'host' | 'ringTimeoutMs' | 'virtualPhones' | 'log'>

export class CallMeBack {
  readonly #deskPhone: string
  readonly #subscription: ReferSubscription
  readonly #settings: CallMeBackSettings
  readonly #finished: () => void
  #timer: ReturnType<typeof setTimeout> | undefined
  #leg: PhoneLeg | undefined

  /** `finished` is called once the call back is over. */
  constructor(deskPhone: string, subscription: ReferSubscription, settings: CallMeBackSettings, finished: () => void) {
    this.#deskPhone = deskPhone
    this.#subscription = subscription
    this.#settings = settings
    this.#finished = finished
  }

  /** `deskPhoneLeg` rings the desk phone from the colleague. */
  start(deskPhoneLeg: (events: PhoneLegEvents) => PhoneLeg): void {
    this.#subscription.report(100, 'Trying', false)
    // The call-me number answers as a virtual phone does; the call back follows a few seconds later.
    this.#timer = setTimeout(() => {
      this.#subscription.report(200, 'OK', true)
      this.#settings.log(`${CALLING_COLLEAGUE} calls the desk phone ${this.#deskPhone} back in ${CALL_ME_DELAY_MS} ms`)
      this.#timer = setTimeout(() => this.#ring(deskPhoneLeg), CALL_ME_DELAY_MS)
    }, this.#settings.virtualPhones.answerDelayMs)
  }

  #ring(deskPhoneLeg: (events: PhoneLegEvents) => PhoneLeg): void {
    const deskPhone = this.#deskPhone
    const log = this.#settings.log
    this.#leg = deskPhoneLeg({
      ringing: () => log(`the desk phone ${deskPhone} rings with a call from ${CALLING_COLLEAGUE}`),
      answered: () => {
        clearTimeout(this.#timer)
        this.#leg?.confirm(undefined)
        log(`the desk phone ${deskPhone} answered ${CALLING_COLLEAGUE}`)
        this.#timer = setTimeout(() => this.#end('the colleague hung up'), this.#settings.virtualPhones.talkTimeMs)
      },
      failed: (status, reason) => this.#end(`the desk phone answered ${status} ${reason}`),
      hungUp: () => this.#end('the desk phone hung up')
    })
    this.#timer = setTimeout(() => this.#end('nobody answered'), this.#settings.ringTimeoutMs)
    this.#leg.invite(virtualOffer(this.#settings.host))
  }

  #end(why: string): void {
    this.#settings.log(`the call from ${CALLING_COLLEAGUE} to ${this.#deskPhone} ended: ${why}`)
    this.stop()
    this.#finished()
  }

  /** Ends the call back whatever its state. */
  stop(): void {
    clearTimeout(this.#timer)
    this.#leg?.cancel()
  }
}
