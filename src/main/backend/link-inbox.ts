import type { DialPlanSettings } from '../../shared/app-settings'
import type { DialPreview, DialResult, PendingLink } from '../../shared/ipc-contract'
import { parsePhoneLink, type LinkHome } from '../dial/phone-link'
import type { BackendLog } from './backend-log'
import type { DesktopNotice } from './call-notices'
import { linkTrust } from './link-trust'

/** What became of a link handed over by the operating system. */
export type LinkOutcome =
  | { kind: 'refused'; error: string }
  | { kind: 'pending'; link: PendingLink }
  /** Another link was already waiting for the user: this one was counted on it and dropped. */
  | { kind: 'blocked'; link: PendingLink }
  | { kind: 'dialled'; result: DialResult }

type PlannedPreview = Extract<DialPreview, { ok: true }>

export interface LinkInboxOptions {
  preview: (target: string) => Promise<DialPreview>
  /** Dials exactly what the preview shows (its dial string), without planning again. */
  dial: (preview: PlannedPreview) => Promise<DialResult>
  /** The user's "Dial links without asking" setting. */
  trusted: () => boolean
  dialPlan: () => DialPlanSettings
  /** The user's country and phone-system domains: a link's phone-context must be one of them or applicable. */
  home: () => LinkHome
  /** At most one link is dialled without asking in this many milliseconds. */
  automaticDialIntervalMs: () => number
  callInProgress: () => boolean
  /** A link now waits for the user's answer, or the count of links blocked behind it changed. */
  onPending: (link: PendingLink) => void
  notify: (notice: DesktopNotice) => void
  log: BackendLog
  newId: () => string
  now: () => number
}

const FEATURE_CODE_IN_LINK =
  'This link asks for a phone feature code (* or #), which links may not dial: type it in DeskDial yourself if you meant it.'

/**
 * Links from other applications (tel:, sip:, callto:). Any web page can open one, in a loop, so:
 * - each is read strictly, and one that is not a phone number is refused with a notice;
 * - it waits for the user's confirmation; with "Dial links without asking" on, an ordinary number
 *   of the user's own country (or an internal extension) is dialled at once, but at most one in
 *   {@link LinkInboxOptions.automaticDialIntervalMs} and never while a call is in progress;
 * - one link waits at a time: phone-number links arriving meanwhile are refused and counted on it, so a burst
 *   makes one dialog ("12 more links were blocked"), never a queue of Call buttons.
 * Links are taken one after another in the order they came, including those that came before the
 * app was ready.
 */
export class LinkInbox {
  readonly #options: LinkInboxOptions
  #waiting: PendingLink | undefined
  #lastAutomaticDialAt = Number.NEGATIVE_INFINITY
  #queue: Promise<unknown> = Promise.resolve()

  constructor(options: LinkInboxOptions) {
    this.#options = options
  }

  /** The link waiting for the user's answer, if any. */
  get pending(): PendingLink[] {
    return this.#waiting ? [this.#waiting] : []
  }

  handle(raw: string): Promise<LinkOutcome> {
    const outcome = this.#queue.then(() => this.#take(raw))
    this.#queue = outcome.catch(() => undefined)
    return outcome
  }

  async confirm(linkId: string): Promise<DialResult> {
    const link = this.#waiting
    if (!link || link.id !== linkId || !link.preview.ok)
      return { ok: false, error: 'This link was already answered. Open it again to call the number.' }
    this.#waiting = undefined
    return this.#options.dial(link.preview)
  }

  reject(linkId: string): void {
    if (this.#waiting?.id === linkId) this.#waiting = undefined
  }

  async #take(raw: string): Promise<LinkOutcome> {
    const parsed = parsePhoneLink(raw, this.#options.home())
    if (!parsed.ok) return this.#refuse(parsed.error)
    // A feature code such as *21*<number># would forward the user's phone: links carry numbers only.
    if (/[*#]/.test(parsed.number)) return this.#refuse(FEATURE_CODE_IN_LINK)
    return this.#decide({ ...parsed, raw }, this.#options.trusted())
  }

  /**
   * A number the user clicked in the browser (`from` is the page's origin): a deliberate click, so
   * dialled at once like a trusted link, with the same exceptions that are always asked about and
   * the same limit on bursts.
   */
  handleClick(click: { number: string; extension?: string; shown: string; from: string }): Promise<LinkOutcome> {
    const outcome = this.#queue.then(() =>
      this.#decide(
        { scheme: 'tel', number: click.number, extension: click.extension, raw: click.shown },
        true,
        click.from
      )
    )
    this.#queue = outcome.catch(() => undefined)
    return outcome
  }

  async #decide(
    parsed: { scheme: PendingLink['scheme']; number: string; extension?: string; raw: string },
    trusted: boolean,
    from?: string
  ): Promise<LinkOutcome> {
    const raw = parsed.raw
    if (this.#waiting) return this.#block(this.#waiting)
    const preview = await this.#options.preview(parsed.number)
    if (!preview.ok) return this.#refuse(preview.error)
    if (from !== undefined) preview.from = from
    if (parsed.extension !== undefined) preview.display += ` (then dial extension ${parsed.extension} yourself)`
    const askedBecause = trusted ? this.#whyAsk(parsed.number) : undefined
    if (trusted && askedBecause === undefined) {
      this.#lastAutomaticDialAt = this.#options.now()
      const result = await this.#options.dial(preview)
      if (!result.ok) this.#options.notify({ title: 'Could not call from the link', body: result.error })
      return { kind: 'dialled', result }
    }
    const link: PendingLink = { id: this.#options.newId(), scheme: parsed.scheme, raw, preview, blockedLinks: 0 }
    if (askedBecause !== undefined) link.askedBecause = askedBecause
    this.#waiting = link
    this.#options.onPending(link)
    return { kind: 'pending', link }
  }

  /** Another link waits for the user's answer: this one is counted on it and dropped. */
  #block(current: PendingLink): LinkOutcome {
    const waiting = { ...current, blockedLinks: current.blockedLinks + 1 }
    this.#waiting = waiting
    this.#options.log('warn', `Blocked a link while another waits for an answer (${waiting.blockedLinks} so far).`)
    this.#options.onPending(waiting)
    return { kind: 'blocked', link: waiting }
  }

  /** Why a trusted link still needs the user's confirmation; undefined when it may be dialled at once. */
  #whyAsk(number: string): string | undefined {
    const trust = linkTrust(number, this.#options.dialPlan())
    if (!trust.automatic) return trust.why
    if (this.#options.callInProgress()) return 'a call is in progress'
    const interval = this.#options.automaticDialIntervalMs()
    if (this.#options.now() - this.#lastAutomaticDialAt < interval)
      return `a link was dialled without asking less than ${Math.round(interval / 1000)} s ago`
    return undefined
  }

  #refuse(error: string): LinkOutcome {
    this.#options.log('warn', `Refused a link: ${error}`)
    this.#options.notify({ title: 'Link not dialled', body: error })
    return { kind: 'refused', error }
  }
}
