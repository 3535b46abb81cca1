import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import type { LineStatus } from '../../shared/line-state'
import { screenPopUrl } from '../../shared/screen-pop'
import type { DesktopNotice } from './call-notices'
import type { KnownPerson } from './caller-lookup'

export interface DeskPhoneOptions {
  /** The person behind a number (see `lookUpPerson`). */
  lookUp: (number: string) => Promise<KnownPerson | undefined>
  /** The desk phone's state for the window (the `lineState` event), the other party named. */
  emit: (status: LineStatus) => void
  notify: (notice: DesktopNotice) => void
  notificationsOn: () => boolean
  /** Settings' screen-pop URL template ('' for none). */
  screenPopTemplate: () => string
  /** Opens a web page in the default browser; without it there is no screen pop. */
  openExternal?: (url: string) => void | Promise<void>
  /** The dial plan's country: a caller's number is read from it for `{e164}`. */
  country: () => string
  log: (level: 'warn', message: string) => void
}

/** The caller's number in E.164 when it reads as a public number from `country`, else as the phone system sent it. */
function e164Of(number: string, country: string): string {
  const phone = parsePhoneNumberFromString(number, country as CountryCode)
  return phone?.isValid() ? phone.number : number
}

/** "Anna Weber (Sales)", else the name the phone system sent, else the number. */
function callerWords(status: LineStatus, person: KnownPerson | undefined): string {
  if (person) return person.team ? `${person.name} (${person.team})` : person.name
  return status.remoteName ?? status.remote ?? 'Someone'
}

/**
 * The user's own desk phone as its line changes: the other party named from the contacts, the
 * directory and the history (a name DeskDial knows beats the one the phone system sends), each
 * change told in the order the phone system sent them. When a call starts ringing on it: a
 * desktop notification naming the caller, and the screen pop (the caller's page in the browser)
 * when Settings has a template.
 */
export class DeskPhone {
  readonly #options: DeskPhoneOptions
  #status: LineStatus | undefined
  #changes: Promise<void> = Promise.resolve()

  constructor(options: DeskPhoneOptions) {
    this.#options = options
  }

  /** The desk phone's last known state, if it has been heard of. */
  get status(): LineStatus | undefined {
    return this.#status
  }

  /** A change of the desk phone's line, as the service heard it. */
  heard(status: LineStatus): void {
    this.#changes = this.#changes
      .then(async () => {
        const person = status.remote === undefined ? undefined : await this.#options.lookUp(status.remote)
        const before = this.#status
        const named = person ? { ...status, remoteName: person.name } : status
        this.#status = named
        this.#options.emit(named)
        const newCall = before?.state !== 'ringing' || before.remote !== status.remote
        if (status.state === 'ringing' && newCall) await this.#ringing(status, person)
      })
      .catch((error: Error) => this.#options.log('warn', `Showing the desk phone's state failed: ${error.message}`))
  }

  async #ringing(status: LineStatus, person: KnownPerson | undefined): Promise<void> {
    const { notify, notificationsOn, screenPopTemplate, openExternal, country } = this.#options
    if (notificationsOn())
      notify({
        title: `${callerWords(status, person)} is calling your desk phone`,
        body: status.remote === undefined ? 'Pick up your desk phone.' : `From ${status.remote}.`
      })
    const template = screenPopTemplate()
    if (template === '' || status.remote === undefined || !openExternal) return
    await openExternal(screenPopUrl(template, e164Of(status.remote, country())))
  }
}
