import type { AccountSettings } from '../../shared/account-settings'
import { isAccountConfigured } from '../../shared/account-settings'
import type { CallProgress } from '../../shared/call-progress'
import { maskSecret } from '../../shared/mask-secret'
import type { RegistrationStatus } from '../../shared/registration-status'
import { settleWithin } from '../../shared/settle-within'
import {
  AFTER_CALL_LINGER_MS,
  type DeskDialServiceApi,
  type DeskDialServiceOptions,
  type StopOptions,
  type Unsubscribe
} from '../service/deskdial-service-api'
import type { LogLevel } from './backend-log'
import type { DiagnosticsKeeper, DiagnosticsSource } from './diagnostics-keeper'

export interface ServiceSupervisorOptions {
  /** Makes the phone-system service; called again whenever the account or the password changes. */
  createService: (options: DeskDialServiceOptions) => DeskDialServiceApi
  account: () => AccountSettings
  password: () => Promise<string | undefined>
  onRegistration: (status: RegistrationStatus) => void
  onCallProgress: (progress: CallProgress) => void
  /** After a service stopped: its calls still in progress are followed no more. */
  onStopped: () => Promise<void>
  log: (level: LogLevel, message: string) => void
  /** Hears every service's SIP messages, registration changes and server moves. */
  diagnostics: DiagnosticsKeeper
  now: () => number
  /** How long stopping a service (unregistering) may take before DeskDial moves on. */
  stopTimeoutMs: number
  /** After the phone system could not be reached at all, try again this much later. */
  reconnectDelayMs: number
}

/**
 * The options for a service on `account`: its log lines masked of the password, its SIP messages
 * and server moves kept by `diagnostics` (marked as coming from `source`).
 */
export function serviceOptionsFor(
  account: AccountSettings,
  password: string | undefined,
  log: (level: LogLevel, message: string) => void,
  diagnostics: DiagnosticsKeeper,
  source: DiagnosticsSource
): DeskDialServiceOptions {
  const options: DeskDialServiceOptions = {
    account,
    log: (level, message) => log(level, maskSecret(message, password)),
    onTrace: diagnostics.trace,
    onServerSwitch: (change) => diagnostics.noteServerSwitch(change, source)
  }
  if (password !== undefined) options.password = password
  return options
}

/** Stops `service` (unregistering), waiting at most `timeoutMs`, plus the linger `options` ask for. */
export async function stopServiceWithin(
  service: DeskDialServiceApi,
  timeoutMs: number,
  log: (level: LogLevel, message: string) => void,
  options: StopOptions = {}
): Promise<void> {
  const stopped = await settleWithin(
    service
      .stop(options)
      .catch((error: Error) => log('warn', `Stopping the phone-system connection failed: ${error.message}`)),
    timeoutMs + (options.lingerMs ?? 0)
  )
  if (!stopped.done) log('warn', `Unregistering took longer than ${timeoutMs} ms; DeskDial went on without waiting.`)
}

/**
 * Keeps one phone-system service running for the saved account: starts it, replaces it when the
 * account or the password changes (one change at a time, in order), tries again later when the
 * phone system cannot be reached at all, and stops it for good on shutdown.
 */
export class ServiceSupervisor {
  readonly #options: ServiceSupervisorOptions
  #service: DeskDialServiceApi | undefined
  #subscriptions: Unsubscribe[] = []
  #registration: RegistrationStatus
  #changes: Promise<void> = Promise.resolve()
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined
  #stopped = false

  constructor(options: ServiceSupervisorOptions) {
    this.#options = options
    this.#registration = { state: 'unregistered', reason: 'DeskDial is starting.', at: options.now() }
  }

  get registration(): RegistrationStatus {
    return this.#registration
  }

  /** The running service, if any. */
  get service(): DeskDialServiceApi | undefined {
    return this.#service
  }

  /** Replaces the service with a new one for the saved account (or none when there is no account). */
  restart(): Promise<void> {
    clearTimeout(this.#reconnectTimer)
    return this.#queue(async () => {
      await this.#stop()
      if (!this.#stopped) await this.#start()
    })
  }

  /**
   * Stops the service; nothing starts again afterwards. DeskDial is quitting: the phone system may
   * still repeat a call's last NOTIFY if our 200 was lost, so the service answers for a moment more.
   */
  shutdown(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#reconnectTimer)
    return this.#queue(() => this.#stop({ lingerMs: AFTER_CALL_LINGER_MS }))
  }

  #queue(change: () => Promise<void>): Promise<void> {
    const next = this.#changes.then(change, change)
    this.#changes = next.catch(() => undefined)
    return next
  }

  #setRegistration(status: RegistrationStatus): void {
    this.#registration = status
    this.#options.diagnostics.noteRegistration(status)
    this.#options.onRegistration(status)
  }

  async #start(): Promise<void> {
    const { now, log } = this.#options
    const account = this.#options.account()
    if (!isAccountConfigured(account)) {
      this.#setRegistration({
        state: 'unregistered',
        reason: 'Enter your phone system account in Settings to start dialling.',
        at: now()
      })
      return
    }
    const password = await this.#options.password()
    let service: DeskDialServiceApi
    try {
      service = this.#options.createService(
        serviceOptionsFor(account, password, log, this.#options.diagnostics, 'service')
      )
    } catch (error) {
      this.#setRegistration({ state: 'failed', reason: (error as Error).message, at: now() })
      return
    }
    this.#service = service
    this.#subscriptions = [
      service.onRegistration((status) => this.#setRegistration(status)),
      service.onCallProgress(this.#options.onCallProgress)
    ]
    try {
      await service.start()
    } catch (error) {
      const reason = (error as Error).message
      if (this.#registration.state !== 'failed') this.#setRegistration({ state: 'failed', reason, at: now() })
      const delay = this.#options.reconnectDelayMs
      log('warn', `Could not reach the phone system (${reason}); trying again in ${Math.round(delay / 1000)} s.`)
      this.#reconnectTimer = setTimeout(() => void this.restart(), delay)
      this.#reconnectTimer.unref?.()
    }
  }

  async #stop(options: StopOptions = {}): Promise<void> {
    const service = this.#service
    if (!service) return
    this.#service = undefined
    for (const unsubscribe of this.#subscriptions) unsubscribe()
    this.#subscriptions = []
    await stopServiceWithin(service, this.#options.stopTimeoutMs, this.#options.log, options)
    await this.#options.onStopped()
  }
}
