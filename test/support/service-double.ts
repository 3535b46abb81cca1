/**
 * A stand-in for the DeskDial service that keeps its contract: the registration state machine
 * (unregistered → registering → registered | failed), `start()` rejecting with a sentence when the
 * server cannot be reached, `dial()` throwing before `start()`, and progress events ending in one
 * final state. Scripted by the data it is given, like a phone system would be:
 * - server "unreachable.test": start() fails; password "wrong": registration fails with 403;
 * - dial strings ending in 486 fail busy, ending in 404 fail not found; others connect;
 * - server "silent.test": registration never completes (a phone system that does not answer).
 */
import type { CallProgress } from '../../src/shared/call-progress'
import type { RegistrationStatus } from '../../src/shared/registration-status'
import type {
  DeskDialServiceApi,
  DeskDialServiceOptions,
  Unsubscribe
} from '../../src/main/service/deskdial-service-api'

let callCounter = 0

export class ServiceDouble implements DeskDialServiceApi {
  registration: RegistrationStatus = { state: 'unregistered', reason: 'Not connected yet', at: Date.now() }
  calls: CallProgress[] = []
  started = false
  stopped = false
  readonly #registrationListeners = new Set<(status: RegistrationStatus) => void>()
  readonly #callListeners = new Set<(progress: CallProgress) => void>()

  constructor(readonly options: DeskDialServiceOptions) {
    if (options.account.servers.length === 0) throw new Error('Enter the address of your phone system (server).')
  }

  get server(): string {
    return this.options.account.servers[0] ?? ''
  }

  async start(): Promise<void> {
    if (this.server.startsWith('unreachable.test')) {
      this.#setRegistration({
        state: 'failed',
        server: this.server,
        reason: `Could not connect to ${this.server}: the connection was refused.`
      })
      throw new Error(`Could not connect to ${this.server}: the connection was refused.`)
    }
    this.started = true
    if (!this.options.account.register) {
      this.#setRegistration({
        state: 'disabled',
        server: this.server,
        reason: `Registration is off: calls go straight to ${this.server}.`
      })
      return
    }
    this.#setRegistration({ state: 'registering', server: this.server, reason: 'Registering…' })
    if (this.server.startsWith('silent.test')) return
    setTimeout(() => {
      if (this.stopped) return
      if (this.options.password === 'wrong')
        this.#setRegistration({
          state: 'failed',
          server: this.server,
          code: 403,
          reason: 'The phone system refused the user name or password (403).'
        })
      else
        this.#setRegistration({
          state: 'registered',
          server: this.server,
          expiresSeconds: this.options.account.expires,
          reason: `Registered with ${this.server}.`
        })
    }, 5)
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.started = false
    this.#setRegistration({ state: 'unregistered', server: this.server, reason: 'Unregistered.' })
  }

  dial(dialString: string): CallProgress {
    if (!this.started)
      throw new Error('DeskDial is not connected to the phone system. Check the settings and try again.')
    const id = `call-${++callCounter}@double`
    // As the service does: the first progress is returned, not heard by the listeners.
    const first = this.#progress(id, dialString, 'requesting', undefined, 'Asking the phone system to call.', false)
    const steps: [CallProgress['state'], number, string][] = dialString.endsWith('486')
      ? [
          ['trying', 100, 'Trying.'],
          ['failed', 486, 'The number is busy.']
        ]
      : dialString.endsWith('404')
        ? [['failed', 404, 'The phone system does not know this number.']]
        : [
            ['trying', 100, 'Trying.'],
            ['ringing', 180, 'Your desk phone is ringing.'],
            ['connected', 200, 'Connected.']
          ]
    steps.forEach(([state, code, reason], index) =>
      setTimeout(() => this.#progress(id, dialString, state, code, reason), 5 * (index + 1))
    )
    return first
  }

  onRegistration(listener: (status: RegistrationStatus) => void): Unsubscribe {
    this.#registrationListeners.add(listener)
    return () => this.#registrationListeners.delete(listener)
  }

  onCallProgress(listener: (progress: CallProgress) => void): Unsubscribe {
    this.#callListeners.add(listener)
    return () => this.#callListeners.delete(listener)
  }

  #setRegistration(status: Omit<RegistrationStatus, 'at'>): void {
    this.registration = { ...status, at: Date.now() }
    for (const listener of this.#registrationListeners) listener(this.registration)
  }

  #progress(
    id: string,
    target: string,
    state: CallProgress['state'],
    code: number | undefined,
    reason: string,
    announce = true
  ): CallProgress {
    const progress: CallProgress = {
      id,
      target,
      state,
      reason,
      at: Date.now(),
      ...(code === undefined ? {} : { code })
    }
    this.calls = [...this.calls.filter((call) => call.id !== id), progress]
    if (announce) for (const listener of this.#callListeners) listener(progress)
    return progress
  }
}
