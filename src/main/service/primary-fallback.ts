export interface PrimaryFallbackOptions {
  /** Time from one check's end to the next check (and from `start` to the first). */
  intervalMs: number
  /** One probe of the first server: true when it answered. Gives up (false) when `signal` aborts. */
  probe: (signal: AbortSignal) => Promise<boolean>
  /** False while moving would hurt: a call in progress, a registration attempt under way. */
  canMoveBack: () => boolean
  /** Moves the service back to the first server. */
  moveBack: () => Promise<void>
  /** Consecutive answers needed before moving back (a hold-down against a flapping WAN). */
  answersNeeded: number
}

export const DEFAULT_FALLBACK_PROBE_MS = 60_000
/** Three answers a minute apart: about the 120 s desk phones wait before they return to CUCM. */
export const DEFAULT_FALLBACK_ANSWERS = 3

/**
 * Fallback after a failover: desk phones return to CUCM once it is back, and DeskDial must follow
 * them, since its REFER has to reach whichever system holds the desk phone. While started (the
 * service sits on a backup server), every `intervalMs` the first server is probed and, once it
 * has answered `answersNeeded` times in a row, the service moves back. A check finds nothing to do while something is in progress;
 * `recheck()` says when that has ended, so the move need not wait a whole interval.
 *
 * ```
 * start --interval--> check --busy------------------------------> (interval) check ...
 *                       \--probe--no answer (count = 0)---------> (interval) check ...
 *                              \--answered (count + 1)----------> (interval) check ...
 *                              \--answered, count reached, idle--> stop, moveBack
 * ```
 */
export class PrimaryFallback {
  readonly #options: PrimaryFallbackOptions
  #active = false
  #timer: ReturnType<typeof setTimeout> | undefined
  #probing: AbortController | undefined
  #answers = 0

  constructor(options: PrimaryFallbackOptions) {
    this.#options = options
  }

  /** Starts checking; does nothing when already started. */
  start(): void {
    if (this.#active) return
    this.#active = true
    this.#answers = 0
    this.#schedule(this.#options.intervalMs)
  }

  /** Stops checking, aborting a probe under way. */
  stop(): void {
    this.#active = false
    clearTimeout(this.#timer)
    this.#probing?.abort()
    this.#probing = undefined
  }

  /**
   * What held the move back has ended (e.g. a call got its result): check on the next turn, so a
   * move never starts inside the SIP callback that reported the end.
   */
  recheck(): void {
    if (!this.#active || this.#probing) return
    clearTimeout(this.#timer)
    this.#schedule(0)
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => void this.#check(), delayMs)
  }

  async #check(): Promise<void> {
    // Probing only when the answer could be acted on keeps the primary's answer fresh.
    if (this.#options.canMoveBack()) {
      const probing = new AbortController()
      this.#probing = probing
      const answered = await this.#options.probe(probing.signal)
      if (probing.signal.aborted) return
      this.#probing = undefined
      this.#answers = answered ? this.#answers + 1 : 0
      if (this.#answers >= this.#options.answersNeeded && this.#options.canMoveBack()) {
        this.stop()
        void this.#options.moveBack()
        return
      }
    }
    this.#schedule(this.#options.intervalMs)
  }
}
