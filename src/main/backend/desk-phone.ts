import type { LineStatus } from '../../shared/line-state'
import type { KnownPerson } from './caller-lookup'

export interface DeskPhoneOptions {
  /** The person behind a number (see `lookUpPerson`). */
  lookUp: (number: string) => Promise<KnownPerson | undefined>
  /** The desk phone's state for the window (the `lineState` event), the other party named. */
  emit: (status: LineStatus) => void
  log: (level: 'warn', message: string) => void
}

/**
 * The user's own desk phone as its line changes: the other party named from the contacts, the
 * directory and the history (a name DeskDial knows beats the one the phone system sends), each
 * change told in the order the phone system sent them.
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
        const named = await this.#named(status)
        this.#status = named
        this.#options.emit(named)
      })
      .catch((error: Error) => this.#options.log('warn', `Showing the desk phone's state failed: ${error.message}`))
  }

  async #named(status: LineStatus): Promise<LineStatus> {
    if (status.remote === undefined) return status
    const person = await this.#options.lookUp(status.remote)
    return person ? { ...status, remoteName: person.name } : status
  }
}
