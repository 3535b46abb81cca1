import { accountProblems } from '../../shared/account-settings'
import { meansNoAnswer } from '../../shared/no-answer'
import { isFinalCallState, type CallProgress } from '../../shared/call-progress'
import type { RegistrationState, RegistrationStatus } from '../../shared/registration-status'
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from '../sip/backoff'
import type { ClickToDialTiming } from '../sip/click-to-dial'
import { LineWatch } from '../line-state'
import { Registration } from '../sip/registration'
import { probeServer } from '../sip/server-probe'
import type { SipEndpoint, SipLog } from '../sip/sip-endpoint'
import type { SipTransportOptions } from '../sip/transport'
import type { DeskDialServiceApi, DeskDialServiceOptions, StopOptions, Unsubscribe } from './deskdial-service-api'
import { canMoveServicePhase, type ServicePhase } from './service-phase'
import { DEFAULT_FALLBACK_ANSWERS, DEFAULT_FALLBACK_PROBE_MS, PrimaryFallback } from './primary-fallback'
import { ServerConnection } from './server-connection'
import { ServiceCalls } from './service-calls'

export interface DeskDialServiceTiming extends Partial<ClickToDialTiming> {
  backoff?: BackoffPolicy
  unregisterTimeoutMs?: number
  /** While on a backup server: how often the first server is probed for the move back. */
  fallbackProbeMs?: number
  /** How many answers in a row from the first server it takes to move back. */
  fallbackAnswers?: number
}

export interface DeskDialServiceConfig extends DeskDialServiceOptions {
  /** Tests and benchmarks shorten the protocol's timers here; the app keeps the defaults. */
  timing?: DeskDialServiceTiming
  transport?: Partial<SipTransportOptions>
}

/** Registration states without an attempt under way, in which the service may change servers. */
const SETTLED_STATES: ReadonlySet<RegistrationState> = new Set(['registered', 'failed', 'disabled'])

/**
 * DeskDial's connection to the phone system: one endpoint on the current server (failing over in
 * list order, falling back to the first server once it answers again), its registration, and the
 * click-to-dial calls placed through it.
 */
export class DeskDialService implements DeskDialServiceApi {
  readonly #config: DeskDialServiceConfig
  readonly #log: SipLog
  readonly #connection: ServerConnection
  readonly #registrationListeners = new Set<(status: RegistrationStatus) => void>()
  readonly #calls: ServiceCalls
  /** Only with several servers: watches the first one while the service sits on another. */
  readonly #fallback: PrimaryFallback | undefined
  #registration: Registration | undefined
  #registrationStatus: RegistrationStatus
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined
  #reconnectFailures = 0
  #phase: ServicePhase = 'stopped'
  /** While `moving-back`: the move, for stop() to wait on. */
  #moveBackDone: Promise<void> | undefined
  #discardedMessages = 0
  /** The lines DeskDial watches (dialog or presence subscriptions through the current endpoint). */
  readonly lines: LineWatch
  /** The endpoint the line subscriptions were made on: a new one (failover, reconnect) renews them. */
  #linesEndpoint: SipEndpoint | undefined

  constructor(config: DeskDialServiceConfig) {
    this.#config = config
    this.#log = config.log ?? (() => undefined)
    const problems = accountProblems(config.account)
    if (problems.length > 0) throw new Error(problems.join(' '))
    this.#connection = new ServerConnection({
      ...config,
      log: this.#log,
      onDiscard: () => {
        this.#discardedMessages += 1
      },
      onDisconnect: (endpoint, error) => this.#onDisconnect(endpoint, error),
      switchReason: () => (this.#isIn('moving-back') ? 'fallback' : 'failover')
    })
    this.#registrationStatus = { state: 'unregistered', reason: 'Not connected yet', at: Date.now() }
    this.lines = new LineWatch({
      endpoint: () => (this.#endpoint?.isConnected ? this.#endpoint : undefined),
      log: this.#log,
      backoff: config.timing?.backoff
    })
    this.#calls = new ServiceCalls({
      log: this.#log,
      timing: config.timing,
      afterProgress: (progress, previous) => this.#afterCallProgress(progress, previous)
    })
    if (this.#connection.serverCount > 1) {
      this.#fallback = new PrimaryFallback({
        intervalMs: config.timing?.fallbackProbeMs ?? DEFAULT_FALLBACK_PROBE_MS,
        answersNeeded: config.timing?.fallbackAnswers ?? DEFAULT_FALLBACK_ANSWERS,
        probe: (signal) => probeServer(this.#connection.endpointOptions(0), signal),
        canMoveBack: () => this.#canMoveBack(),
        moveBack: () => this.#moveBack()
      })
    }
  }

  get registration(): RegistrationStatus {
    return this.#registrationStatus
  }

  get calls(): readonly CallProgress[] {
    return this.#calls.calls
  }

  /** SIP messages dropped unanswered since the service was made: ones that cannot be answered, responses that answer nothing. */
  get discardedMessages(): number {
    return this.#discardedMessages
  }

  get currentServer(): string | undefined {
    return this.#endpoint?.serverLabel
  }

  /** The phase of the diagram in `service-phase.ts`. */
  get phase(): ServicePhase {
    return this.#phase
  }

  async start(): Promise<void> {
    if (this.#phase !== 'stopped') return
    this.#moveTo('connecting')
    try {
      await this.#connectFrom(0)
    } catch (error) {
      if (this.#isIn('connecting')) this.#moveTo('stopped')
      this.#setRegistration({ state: 'failed', reason: (error as Error).message, at: Date.now() })
      throw error
    }
    // stop() while connecting: the service is down already, but for the connection that just came up.
    if (!this.#isIn('connecting')) {
      await this.#connection.close()
      return
    }
    this.#moveTo('serving')
    this.#startRegistration()
  }

  async stop(options: StopOptions = {}): Promise<void> {
    if (this.#phase === 'stopped' || this.#phase === 'stopping') return
    this.#moveTo('stopping')
    clearTimeout(this.#reconnectTimer)
    this.#fallback?.stop()
    // A move under way ends its un-REGISTER (bounded), then sees the service stopping.
    await this.#moveBackDone
    await this.lines.stop()
    await this.#registration?.stop()
    this.#registration = undefined
    this.#calls.dispose()
    if (this.#endpoint?.isConnected)
      await this.#calls.lingerAfterNotifies(options.lingerMs ?? 0, this.#config.account.transport)
    await this.#connection.close()
    this.#moveTo('stopped')
  }

  dial(dialString: string): CallProgress {
    if (this.#phase === 'moving-back')
      throw new Error('DeskDial is moving back to the main server of the phone system. Try again in a moment.')
    if (this.#phase !== 'serving' || !this.#endpoint)
      throw new Error('DeskDial is not connected to the phone system. Check the settings and try again.')
    if (!this.#endpoint.isConnected)
      throw new Error('The connection to the phone system is down; DeskDial is reconnecting. Try again in a moment.')
    const progress = this.#calls.dial(this.#endpoint, this.#config.account.line, dialString)
    this.#log('info', `Dialling ${dialString} through ${this.#endpoint.serverLabel} (Call-ID ${progress.id})`)
    return progress
  }

  onRegistration(listener: (status: RegistrationStatus) => void): Unsubscribe {
    this.#registrationListeners.add(listener)
    return () => this.#registrationListeners.delete(listener)
  }

  onCallProgress(listener: (progress: CallProgress) => void): Unsubscribe {
    return this.#calls.onCallProgress(listener)
  }

  #requireEndpoint(): SipEndpoint {
    if (!this.#endpoint) throw new Error('DeskDial is not connected to the phone system.')
    return this.#endpoint
  }

  #setRegistration(status: RegistrationStatus): void {
    const renewLines =
      status.state === 'registered' &&
      (this.#registrationStatus.state === 'retrying' || this.#linesEndpoint !== this.#endpoint)
    this.#registrationStatus = status
    if (renewLines) {
      this.#linesEndpoint = this.#endpoint
      this.lines.renewAll()
    }
    for (const listener of this.#registrationListeners) listener(status)
  }

  #afterCallProgress(progress: CallProgress, previous: CallProgress | undefined): void {
    if (isFinalCallState(progress.state)) this.#fallback?.recheck()
    if (progress.state === 'failed' && previous?.state === 'requesting') this.#onReferUnanswered(progress.code)
  }

  /**
   * Without registration, an unanswered REFER is the only sign that the server is gone: the next
   * dial goes to the next server. (With registration, the REGISTER retries decide that.)
   */
  #onReferUnanswered(code: number | undefined): void {
    if (this.#registration || this.#connection.serverCount < 2 || this.#phase !== 'serving' || !meansNoAnswer(code))
      return
    this.#prepareRetry(code).then(
      () => this.#startRegistration(),
      (error: Error) => this.#log('warn', `No other server of the phone system answers either: ${error.message}`)
    )
  }

  /** Registers on the current server, or with `register: false` says where calls go. */
  #startRegistration(): void {
    const { account } = this.#config
    if (!account.register) {
      this.#setRegistration({
        state: 'disabled',
        server: this.currentServer,
        reason: `Registration is off: calls go straight to ${this.currentServer}.`,
        at: Date.now()
      })
      return
    }
    this.#registration = new Registration({
      endpoint: () => this.#requireEndpoint(),
      expires: account.expires,
      backoff: this.#config.timing?.backoff,
      unregisterTimeoutMs: this.#config.timing?.unregisterTimeoutMs,
      onStatus: (status) => this.#setRegistration(status),
      prepareRetry: (code) => this.#prepareRetry(code)
    })
    this.#registration.start()
  }

  /** Connects to the first reachable server from `first` on; while the service is up on another than the first, watches the first. */
  async #connectFrom(first: number): Promise<void> {
    await this.#connection.connectFrom(first)
    if (this.#connection.index > 0 && this.#isUp) this.#fallback?.start()
    else this.#fallback?.stop()
  }

  get #endpoint(): SipEndpoint | undefined {
    return this.#connection.endpoint
  }

  #onDisconnect(endpoint: SipEndpoint, error?: Error): void {
    if (this.#phase !== 'serving' || endpoint !== this.#endpoint || !error) return
    this.#log('warn', `Lost the connection to ${endpoint.serverLabel}: ${error.message}`)
    this.#calls.connectionLost()
    if (this.#registration) {
      this.#registration.connectionLost()
    } else {
      this.#scheduleReconnect()
    }
  }

  /** Without registration nobody else retries: keep reconnecting so the next dial works. */
  #scheduleReconnect(): void {
    this.#reconnectFailures += 1
    const delay = backoffDelayMs(this.#reconnectFailures, this.#config.timing?.backoff ?? DEFAULT_BACKOFF)
    this.#reconnectTimer = setTimeout(() => {
      this.#prepareRetry(503).then(
        () => {
          this.#reconnectFailures = 0
          this.#startRegistration()
        },
        () => this.#scheduleReconnect()
      )
    }, delay)
  }

  /** Before a retry: reconnect a dropped transport; after no answer, fail over to the next server. */
  async #prepareRetry(failedCode: number | undefined): Promise<void> {
    if (!this.#isUp) return
    const { index, serverCount } = this.#connection
    if (meansNoAnswer(failedCode) && serverCount > 1) {
      await this.#connectFrom((index + 1) % serverCount)
      return
    }
    if (!this.#endpoint?.isConnected) await this.#connectFrom(index)
  }

  /** Calls in progress get their NOTIFYs on this endpoint, and a registration attempt must end first. */
  #canMoveBack(): boolean {
    return (
      !this.#calls.hasCallsInProgress &&
      SETTLED_STATES.has(this.#registrationStatus.state) &&
      this.#endpoint?.isConnected === true
    )
  }

  #moveBack(): Promise<void> {
    this.#moveTo('moving-back')
    this.#moveBackDone = this.#returnToFirstServer().finally(() => {
      this.#moveBackDone = undefined
      if (this.#isIn('moving-back')) this.#moveTo('serving')
    })
    return this.#moveBackDone
  }

  /** Reads the phase afresh (after an await, another call may have moved it). */
  #isIn(phase: ServicePhase): boolean {
    return this.#phase === phase
  }

  /** Started and not stopping: connecting, serving or moving back. */
  get #isUp(): boolean {
    return this.#phase === 'connecting' || this.#phase === 'serving' || this.#phase === 'moving-back'
  }

  /** Moves along the diagram in `service-phase.ts`; a move it does not draw is a bug, and throws. */
  #moveTo(next: ServicePhase): void {
    if (!canMoveServicePhase(this.#phase, next))
      throw new Error(`The DeskDial service cannot move from ${this.#phase} to ${next}.`)
    this.#phase = next
  }

  /** Fallback: unregister from the backup, then connect (and register) to the first server again. */
  async #returnToFirstServer(): Promise<void> {
    this.#log('info', `${this.#connection.label(0)} answers again: moving back to it from ${this.currentServer}.`)
    const registration = this.#registration
    this.#registration = undefined
    await registration?.stop()
    if (!this.#isIn('moving-back')) return
    const connected = await this.#connectFrom(0).then(
      () => true,
      (error: Error) => {
        this.#log('warn', `Could not connect to the phone system: ${error.message}`)
        return false
      }
    )
    if (!this.#isIn('moving-back')) return
    // Not connected, the registration's retries (or, without registration, the reconnect timer) take it from here.
    if (connected || this.#config.account.register) this.#startRegistration()
    else this.#scheduleReconnect()
  }
}
