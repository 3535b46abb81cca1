/**
 * A virtual phone: what the demo phone system calls when no phone is registered under a number.
 * It rings, answers after a delay and hangs up after a while, or behaves as its special number
 * says (busy, unanswered, nonexistent, refused). It sends no audio.
 */
import type { PhoneLeg, PhoneLegEvents } from './phone-leg'
import { virtualAnswer, virtualOffer } from './session-description'
import { specialNumber } from './special-numbers'

export interface VirtualPhoneTiming {
  /** From ringing to answering. */
  answerDelayMs: number
  /** From answering to hanging up, so that calls between virtual phones end by themselves. */
  talkTimeMs: number
}

export const DEFAULT_VIRTUAL_PHONE_TIMING: VirtualPhoneTiming = { answerDelayMs: 1_000, talkTimeMs: 60_000 }

export class VirtualPhoneLeg implements PhoneLeg {
  readonly kind = 'virtual'
  readonly number: string
  readonly #events: PhoneLegEvents
  readonly #timing: VirtualPhoneTiming
  readonly #host: string
  #timer: ReturnType<typeof setTimeout> | undefined
  #ended = false

  constructor(number: string, host: string, timing: VirtualPhoneTiming, events: PhoneLegEvents) {
    this.number = number
    this.#host = host
    this.#timing = timing
    this.#events = events
  }

  #after(ms: number, step: () => void): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      if (!this.#ended) step()
    }, ms)
  }

  invite(offer: string | undefined): void {
    const special = specialNumber(this.number)
    // The call-me number (a success status) only calls back when dialled; called, it answers.
    if (special && !special.rings && special.status >= 300) {
      this.#after(0, () => {
        this.#ended = true
        this.#events.failed(special.status, special.reason)
      })
      return
    }
    this.#after(0, () => {
      this.#events.ringing()
      // An unanswered phone rings until the phone system cancels the call.
      if (special) return
      this.#after(this.#timing.answerDelayMs, () => {
        this.#events.answered(offer ? virtualAnswer(offer, this.#host) : virtualOffer(this.#host))
      })
    })
  }

  /** The call is up: the virtual phone talks for a while, then hangs up. */
  confirm(): void {
    this.#after(this.#timing.talkTimeMs, () => {
      this.#ended = true
      this.#events.hungUp()
    })
  }

  cancel(): void {
    this.#ended = true
    clearTimeout(this.#timer)
  }
}
