/**
 * One click-to-dial call placed for an accepted out-of-dialog REFER, by third-party call control
 * (RFC 3725 flow I): the desk phone (the referee) is invited without a session description; its
 * 200 OK carries an offer, which goes in the INVITE to the target; the target's answer goes back
 * to the desk phone in its ACK. Audio then flows between the two phones, never through us.
 *
 * ```
 * ringing-desk-phone --desk phone answers--> calling-target --target answers--> connected
 *        |                                        |                                 |
 *        | busy / no answer / ring time over      | busy / no answer / desk phone   | BYE from either phone:
 *        v                                        v  hangs up                       v  BYE to the other
 *      failed <-----------------------------------+                               ended
 * ```
 * The REFER's subscription hears: 100 Trying at once, 180 Ringing when the target rings,
 * then 200 OK or the failure status (terminated).
 */
import type { PhoneLeg, PhoneLegEvents } from './phone-leg'
import type { ReferSubscription } from './refer-subscription'
import { virtualAnswer } from './session-description'

export type ClickToDialState = 'ringing-desk-phone' | 'calling-target' | 'connected' | 'failed' | 'ended'

const ALLOWED: Record<ClickToDialState, readonly ClickToDialState[]> = {
  'ringing-desk-phone': ['calling-target', 'failed'],
  'calling-target': ['connected', 'failed'],
  connected: ['ended'],
  failed: [],
  ended: []
}

export interface ClickToDialCallOptions {
  id: string
  deskPhone: string
  target: string
  subscription: ReferSubscription
  /** Create the legs to the desk phone and to the target (a registered phone, or a virtual one). */
  deskPhoneLeg(events: PhoneLegEvents): PhoneLeg
  targetLeg(events: PhoneLegEvents): PhoneLeg
  /** How long each phone may ring before the call is cancelled (the 487 a user sees as "Nobody answered"). */
  ringTimeoutMs: number
  /** The host for the session description that declines a desk phone's offer when the target fails. */
  host: string
  log(line: string): void
  /** The call is over (failed or ended): the phone system forgets it. */
  finished(): void
}

export class ClickToDialCall {
  readonly #options: ClickToDialCallOptions
  #state: ClickToDialState = 'ringing-desk-phone'
  #deskPhone: PhoneLeg | undefined
  #target: PhoneLeg | undefined
  #deskPhoneOffer = ''
  #ringTimer: ReturnType<typeof setTimeout> | undefined
  #reportedRinging = false

  constructor(options: ClickToDialCallOptions) {
    this.#options = options
  }

  get state(): ClickToDialState {
    return this.#state
  }

  #log(text: string): void {
    this.#options.log(`call ${this.#options.deskPhone} -> ${this.#options.target} (${this.#options.id}): ${text}`)
  }

  #transition(to: ClickToDialState): void {
    if (!ALLOWED[this.#state].includes(to))
      throw new Error(`A click-to-dial call cannot go from ${this.#state} to ${to}.`)
    this.#state = to
    if (to === 'failed' || to === 'ended') {
      clearTimeout(this.#ringTimer)
      this.#options.finished()
    }
  }

  #ringFor(leg: PhoneLeg): void {
    clearTimeout(this.#ringTimer)
    this.#ringTimer = setTimeout(() => {
      this.#log(`${leg.number} did not answer within ${this.#options.ringTimeoutMs / 1000} s: cancelled`)
      leg.cancel()
      this.#legFailed(leg, 487, 'Request Terminated')
    }, this.#options.ringTimeoutMs)
  }

  start(): void {
    this.#options.subscription.report(100, 'Trying', false)
    this.#log(`ringing the desk phone ${this.#options.deskPhone}`)
    this.#deskPhone = this.#options.deskPhoneLeg({
      ringing: () => this.#log(`the desk phone ${this.#options.deskPhone} rings`),
      answered: (offer) => this.#deskPhoneAnswered(offer),
      failed: (status, reason) => this.#legFailed(this.#deskPhone, status, reason),
      hungUp: () => this.#hungUp(this.#deskPhone)
    })
    this.#ringFor(this.#deskPhone)
    this.#deskPhone.invite(undefined)
  }

  #deskPhoneAnswered(offer: string): void {
    if (this.#state !== 'ringing-desk-phone') return
    clearTimeout(this.#ringTimer)
    this.#deskPhoneOffer = offer
    this.#transition('calling-target')
    this.#log(`the desk phone ${this.#options.deskPhone} answered; calling ${this.#options.target}`)
    this.#target = this.#options.targetLeg({
      ringing: () => this.#targetRinging(),
      answered: (answer) => this.#targetAnswered(answer),
      failed: (status, reason) => this.#legFailed(this.#target, status, reason),
      hungUp: () => this.#hungUp(this.#target)
    })
    this.#ringFor(this.#target)
    this.#target.invite(offer || undefined)
  }

  #targetRinging(): void {
    if (this.#state !== 'calling-target' || this.#reportedRinging) return
    this.#reportedRinging = true
    this.#log(`${this.#options.target} rings`)
    this.#options.subscription.report(180, 'Ringing', false)
  }

  #targetAnswered(answer: string): void {
    if (this.#state !== 'calling-target') return
    clearTimeout(this.#ringTimer)
    this.#target?.confirm(undefined)
    this.#deskPhone?.confirm(answer)
    this.#transition('connected')
    this.#log('connected: the two phones talk to each other directly')
    this.#options.subscription.report(200, 'OK', true)
  }

  #legFailed(leg: PhoneLeg | undefined, status: number, reason: string): void {
    if (this.#state !== 'ringing-desk-phone' && this.#state !== 'calling-target') return
    if (leg === this.#target) {
      // The desk phone answered and waits for our ACK: complete its call, then hang it up.
      this.#deskPhone?.confirm(
        this.#deskPhoneOffer ? virtualAnswer(this.#deskPhoneOffer, this.#options.host) : undefined
      )
      this.#deskPhone?.cancel()
    }
    this.#transition('failed')
    this.#log(`${leg?.number ?? 'a phone'} answered ${status} ${reason}: the call failed`)
    this.#options.subscription.report(status, reason, true)
  }

  #hungUp(leg: PhoneLeg | undefined): void {
    const other = leg === this.#deskPhone ? this.#target : this.#deskPhone
    if (this.#state === 'connected') {
      other?.cancel()
      this.#transition('ended')
      this.#log(`${leg?.number ?? 'a phone'} hung up; the call to ${other?.number ?? 'the other phone'} is ended too`)
      return
    }
    if (this.#state === 'calling-target') {
      // The desk phone gave up while the target rang.
      other?.cancel()
      this.#transition('failed')
      this.#log(`the desk phone ${leg?.number ?? ''} hung up before ${this.#options.target} answered`)
      this.#options.subscription.report(487, 'Request Terminated', true)
    }
  }

  /** Ends the call whatever its state, as the phone system shuts down. */
  stop(): void {
    clearTimeout(this.#ringTimer)
    this.#deskPhone?.cancel()
    this.#target?.cancel()
  }
}
