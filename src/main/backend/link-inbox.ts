import type { DialPreview, DialRequest, DialResult, PendingLink } from '../../shared/ipc-contract'
import { parsePhoneLink } from '../dial/phone-link'
import type { BackendLog } from './backend-log'
import type { DesktopNotice } from './call-notices'

/** What became of a link handed over by the operating system. */
export type LinkOutcome = { kind: 'refused'; error: string } | { kind: 'pending'; link: PendingLink } | { kind: 'dialled'; result: DialResult }

export interface LinkInboxOptions {
  preview: (target: string) => Promise<DialPreview>
  dial: (request: DialRequest) => Promise<DialResult>
  /** The user's "Dial links without asking" setting. */
  trusted: () => boolean
  /** A link now waits for the user's answer. */
  onPending: (link: PendingLink) => void
  notify: (notice: DesktopNotice) => void
  log: BackendLog
  newId: () => string
}

const FEATURE_CODE_IN_LINK = 'This link asks for a phone feature code (* or #), which links may not dial: type it in DeskDial yourself if you meant it.'
const MAX_PENDING_LINKS = 10

/**
 * Links from other applications (tel:, sip:, callto:). Any web page can open one, so each is read
 * strictly and waits for the user's confirmation, unless the user trusts links.
 */
export class LinkInbox {
  readonly #options: LinkInboxOptions
  #pending: PendingLink[] = []

  constructor(options: LinkInboxOptions) {
    this.#options = options
  }

  get pending(): PendingLink[] {
    return [...this.#pending]
  }

  /**
   * A link that is not a phone number is refused with a notice and changes nothing. Otherwise it
   * waits for the user's confirmation, or is dialled at once when the user trusts links.
   */
  async handle(raw: string): Promise<LinkOutcome> {
    const parsed = parsePhoneLink(raw)
    if (!parsed.ok) return this.#refuse(parsed.error)
    // A feature code such as *21*<number># would forward the user's phone: links carry numbers only.
    if (/[*#]/.test(parsed.number)) return this.#refuse(FEATURE_CODE_IN_LINK)
    const preview = await this.#options.preview(parsed.number)
    if (!preview.ok) return this.#refuse(preview.error)
    if (parsed.extension !== undefined) preview.display += ` (then dial extension ${parsed.extension} yourself)`
    if (this.#options.trusted()) {
      const result = await this.#options.dial(preview.contact ? { target: preview.target, contactId: preview.contact.id } : { target: preview.target })
      if (!result.ok) this.#options.notify({ title: 'Could not call from the link', body: result.error })
      return { kind: 'dialled', result }
    }
    const link: PendingLink = { id: this.#options.newId(), scheme: parsed.scheme, raw, preview }
    this.#pending = [...this.#pending.filter((pending) => pending.raw !== raw), link].slice(-MAX_PENDING_LINKS)
    this.#options.onPending(link)
    return { kind: 'pending', link }
  }

  async confirm(linkId: string): Promise<DialResult> {
    const link = this.#pending.find((pending) => pending.id === linkId)
    if (!link || !link.preview.ok) return { ok: false, error: 'This link was already answered. Open it again to call the number.' }
    this.#pending = this.#pending.filter((pending) => pending.id !== linkId)
    const { target, contact } = link.preview
    return this.#options.dial(contact ? { target, contactId: contact.id } : { target })
  }

  reject(linkId: string): void {
    this.#pending = this.#pending.filter((pending) => pending.id !== linkId)
  }

  #refuse(error: string): LinkOutcome {
    this.#options.log('warn', `Refused a link: ${error}`)
    this.#options.notify({ title: 'Link not dialled', body: error })
    return { kind: 'refused', error }
  }
}
