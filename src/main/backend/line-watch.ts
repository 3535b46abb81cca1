import type { AppSettings } from '../../shared/app-settings'
import type { LineStatus } from '../../shared/line-state'
import { planDial } from '../dial/dial-plan'
import { MAX_WATCHED_LINES } from '../line-state'
import type { DeskDialServiceApi, Unsubscribe } from '../service/deskdial-service-api'
import { demoDialPlan } from './demo-mode'

/** The desk phone keeps one of the service's subscriptions; the windows share the rest. */
export const MAX_SHOWN_LINES = MAX_WATCHED_LINES - 1
/** Different spellings of one number that the windows show at once (e.g. "+49 201 5550123" and "0201 5550123"). */
const MAX_SPELLINGS = 8

export interface LineWatchKeeperOptions {
  /** The phone-system service running now, if any. */
  service: () => DeskDialServiceApi | undefined
  settings: () => AppSettings
  /** Each change of a shown line, the number spelled as the window gave it. */
  onLine: (status: LineStatus) => void
  /** Each change of the desk phone's line (`account.line`). */
  onDeskPhone: (status: LineStatus) => void
}

/**
 * Which lines DeskDial watches for the window: the user's desk phone (`account.line`) always, and
 * the numbers the windows say they show (contacts' visible rows, quick-dial results, favourites),
 * the least recently shown dropped first past {@link MAX_SHOWN_LINES}.
 *
 * A number is watched as it would be dialled: its dial string through the dial plan (an internal
 * extension stays itself, "+49 201 5550123" becomes "902015550123" with an outside-line prefix).
 * That is the user part the phone system knows the line by when a click dials it, so a colleague's
 * extension and the same extension typed in a contact meet at one subscription. A number the dial
 * plan refuses is not watched.
 *
 * A new service (reconnect, changed account) starts with no subscriptions: {@link serviceChanged}
 * applies the watched set to it.
 */
export class LineWatchKeeper {
  readonly #options: LineWatchKeeperOptions
  /** Dial string → the spellings the windows showed it as; in order of last showing, the first is dropped first. */
  readonly #shown = new Map<string, Set<string>>()
  #service: DeskDialServiceApi | undefined
  #unsubscribe: Unsubscribe | undefined

  constructor(options: LineWatchKeeperOptions) {
    this.#options = options
  }

  /** The windows show `numbers` now: watch them (marking them as just shown); answers what is known of them already. */
  show(numbers: readonly string[]): LineStatus[] {
    const shownNow: [string, string][] = []
    for (const number of numbers.slice(0, MAX_SHOWN_LINES)) {
      const dialString = this.#dialString(number)
      if (dialString === undefined) continue
      const spellings = this.#shown.get(dialString) ?? new Set()
      this.#shown.delete(dialString)
      if (spellings.size < MAX_SPELLINGS) spellings.add(number)
      this.#shown.set(dialString, spellings)
      shownNow.push([number, dialString])
    }
    while (this.#shown.size > MAX_SHOWN_LINES) {
      const oldest = this.#shown.keys().next().value
      if (oldest === undefined) break
      this.#shown.delete(oldest)
    }
    this.serviceChanged()
    const lines = this.#service?.lines
    for (const [, dialString] of shownNow) lines?.watch(dialString)
    this.#watchDeskPhone()
    return shownNow.flatMap(([number, dialString]) => {
      const status = lines?.lineStatus(dialString)
      return status ? [{ ...status, number }] : []
    })
  }

  /** Every shown number's known state, spelled as the windows showed it. */
  get known(): LineStatus[] {
    const lines = this.#service?.lines
    return [...this.#shown].flatMap(([dialString, spellings]) => {
      const status = lines?.lineStatus(dialString)
      return status ? [...spellings].map((number) => ({ ...status, number })) : []
    })
  }

  /** Call on every registration change: a service that is new gets the watched set. */
  serviceChanged(): void {
    const service = this.#options.service()
    if (service === this.#service) return
    this.#unsubscribe?.()
    this.#service = service
    this.#unsubscribe = service?.lines?.onLine((status) => this.#heard(status))
    for (const dialString of this.#shown.keys()) service?.lines?.watch(dialString)
    this.#watchDeskPhone()
  }

  /** The desk phone is watched last, so that it is always the most recently shown line and never dropped. */
  #watchDeskPhone(): void {
    const line = this.#options.settings().account.line
    if (line !== '') this.#service?.lines?.watch(line)
  }

  #heard(status: LineStatus): void {
    if (status.number === this.#options.settings().account.line) this.#options.onDeskPhone(status)
    for (const number of this.#shown.get(status.number) ?? []) this.#options.onLine({ ...status, number })
  }

  #dialString(number: string): string | undefined {
    const { dialPlan, demo } = this.#options.settings()
    const plan = planDial(number, demo ? demoDialPlan(number, dialPlan) : dialPlan)
    return plan.ok ? plan.dialString : undefined
  }
}
