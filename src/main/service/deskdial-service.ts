import { accountProblems } from '../../shared/account-settings'
import { meansNoAnswer } from '../../shared/no-answer'
import { isFinalCallState, type CallProgress } from '../../shared/call-progress'
import type { RegistrationState, RegistrationStatus } from '../../shared/registration-status'
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from '../sip/backoff'
import { ClickToDial, type ClickToDialTiming } from '../sip/click-to-dial'
import { Registration } from '../sip/registration'
import { probeServer } from '../sip/server-probe'
import { parseServerAddress, type ServerAddress } from '../../shared/server-address'
import { SipEndpoint, type SipEndpointOptions, type SipLog } from '../sip/sip-endpoint'
import type { SipTransportOptions } from '../sip/transport'
import type {
  DeskDialServiceApi,
  DeskDialServiceOptions,
  ServerSwitch,
  StopOptions,
  Unsubscribe
} from './deskdial-service-api'
import { canMoveServicePhase, type ServicePhase } from './service-phase'
import { DEFAULT_FALLBACK_ANSWERS, DEFAULT_FALLBACK_PROBE_MS, PrimaryFallback } from './primary-fallback'

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

const RECENT_CALLS = 50

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
  readonly #servers: ServerAddress[]
  readonly #registrationListeners = new Set<(status: RegistrationStatus) => void>()
  readonly #callListeners = new Set<(progress: CallProgress) => void>()
  readonly #dialer: ClickToDial
  /** Only with several servers: watches the first one while the service sits on another. */
  readonly #fallback: PrimaryFallback | undefined
  #endpoint: SipEndpoint | undefined
  #serverIndex = 0
  #registration: Registration | undefined
  #registrationStatus: RegistrationStatus
  #calls: CallProgress[] = []
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined
  #reconnectFailures = 0
  #phase: ServicePhase = 'stopped'
  /** While `moving-back`: the move, for stop() to wait on. */
  #moveBackDone: Promise<void> | undefined
  #discardedMessages = 0
  /** When the last call reached its final state: until a linger after it, its NOTIFYs may come again. */
  #lastCallEndedAt: number | undefined

  constructor(config: DeskDialServiceConfig) {
    this.#config = config
    this.#log = config.log ?? (() => undefined)
    const problems = accountProblems(config.account)
    if (problems.length > 0) throw new Error(problems.join(' '))
    this.#servers = config.account.servers.map((server) => parseServerAddress(server, config.account.transport))
    this.#registrationStatus = { state: 'unregistered', reason: 'Not connected yet', at: Date.now() }
    this.#dialer = new ClickToDial((progress) => this.#onCallProgress(progress), config.timing)
    if (this.#servers.length > 1) {
      this.#fallback = new PrimaryFallback({
        intervalMs: config.timing?.fallbackProbeMs ?? DEFAULT_FALLBACK_PROBE_MS,
        answersNeeded: config.timing?.fallbackAnswers ?? DEFAULT_FALLBACK_ANSWERS,
        probe: (signal) => probeServer(this.#endpointOptions(0), signal),
        canMoveBack: () => this.#canMoveBack(),
        moveBack: () => this.#moveBack()
      })
    }
  }

  get registration(): RegistrationStatus {
    return this.#registrationStatus
  }

  get calls(): readonly CallProgress[] {
    return this.#calls
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
      await this.#closeEndpoint()
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
    await this.#registration?.stop()
    this.#registration = undefined
    this.#dialer.dispose()
    await this.#lingerAfterCalls(options.lingerMs ?? 0)
    await this.#closeEndpoint()
    this.#moveTo('stopped')
  }

  /** The endpoint stays open meanwhile: sip.js's NOTIFY transactions answer retransmissions again with their 200. */
  async #lingerAfterCalls(lingerMs: number): Promise<void> {
    const waitMs = this.#lastCallEndedAt === undefined ? 0 : this.#lastCallEndedAt + lingerMs - Date.now()
    if (waitMs <= 0 || !this.#endpoint?.isConnected) return
    this.#log('info', `Answering repeated NOTIFYs for ${Math.ceil(waitMs / 1000)} s more before closing.`)
    await new Promise((resolve) => setTimeout(resolve, waitMs))
  }

  dial(dialString: string): CallProgress {
    if (this.#phase === 'moving-back')
      throw new Error('DeskDial is moving back to the main server of the phone system. Try again in a moment.')
    if (this.#phase !== 'serving' || !this.#endpoint)
      throw new Error('DeskDial is not connected to the phone system. Check the settings and try again.')
    if (!this.#endpoint.isConnected)
      throw new Error('The connection to the phone system is down; DeskDial is reconnecting. Try again in a moment.')
    const progress = this.#dialer.dial(this.#endpoint, this.#config.account.line, dialString)
    this.#log('info', `Dialling ${dialString} through ${this.#endpoint.serverLabel} (Call-ID ${progress.id})`)
    // The first progress is the caller's answer; listeners hear from the call from its next step on.
    this.#keepCall(progress)
    return progress
  }

  onRegistration(listener: (status: RegistrationStatus) => void): Unsubscribe {
    this.#registrationListeners.add(listener)
    return () => this.#registrationListeners.delete(listener)
  }

  onCallProgress(listener: (progress: CallProgress) => void): Unsubscribe {
    this.#callListeners.add(listener)
    return () => this.#callListeners.delete(listener)
  }

  #requireEndpoint(): SipEndpoint {
    if (!this.#endpoint) throw new Error('DeskDial is not connected to the phone system.')
    return this.#endpoint
  }

  #setRegistration(status: RegistrationStatus): void {
    this.#registrationStatus = status
    for (const listener of this.#registrationListeners) listener(status)
  }

  /** Keeps `progress` as its call's latest; returns what was known of the call before. */
  #keepCall(progress: CallProgress): CallProgress | undefined {
    const previous = this.#calls.find((call) => call.id === progress.id)
    const others = this.#calls.filter((call) => call.id !== progress.id)
    this.#calls = [...others, progress].slice(-RECENT_CALLS)
    return previous
  }

  #onCallProgress(progress: CallProgress): void {
    const previous = this.#keepCall(progress)
    if (isFinalCallState(progress.state)) {
      this.#lastCallEndedAt = Date.now()
      this.#log(
        progress.state === 'failed' ? 'warn' : 'info',
        `Call ${progress.id} to ${progress.target}: ${progress.state} (SIP ${progress.code ?? '-'})`
      )
    }
    for (const listener of this.#callListeners) listener(progress)
    if (isFinalCallState(progress.state)) this.#fallback?.recheck()
    if (progress.state === 'failed' && previous?.state === 'requesting') this.#onReferUnanswered(progress.code)
  }

  /**
   * Without registration, an unanswered REFER is the only sign that the server is gone: the next
   * dial goes to the next server. (With registration, the REGISTER retries decide that.)
   */
  #onReferUnanswered(code: number | undefined): void {
    if (this.#registration || this.#servers.length < 2 || this.#phase !== 'serving' || !meansNoAnswer(code)) return
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

  /** Connects to the first reachable server, starting at `first` and wrapping around the list. */
  async #connectFrom(first: number): Promise<void> {
    let lastError: Error | undefined
    for (let offset = 0; offset < this.#servers.length; offset += 1) {
      const index = (first + offset) % this.#servers.length
      try {
        await this.#connectTo(index)
        return
      } catch (error) {
        lastError = error as Error
        this.#log('warn', `Could not connect to ${this.#serverLabel(index)}: ${lastError.message}`)
      }
    }
    throw lastError ?? new Error('No phone system server is configured.')
  }

  #serverLabel(index: number): string {
    return `${this.#servers[index].host}:${this.#servers[index].port}`
  }

  #endpointOptions(index: number): SipEndpointOptions {
    const { account, password, transport, onTrace } = this.#config
    const onDiscard = (): void => {
      this.#discardedMessages += 1
    }
    return { account, server: this.#servers[index], password, log: this.#log, onTrace, transport, onDiscard }
  }

  async #connectTo(index: number): Promise<void> {
    await this.#closeEndpoint()
    const endpoint = new SipEndpoint(this.#endpointOptions(index))
    endpoint.onDisconnect((error) => this.#onDisconnect(endpoint, error))
    try {
      await endpoint.connect()
    } catch (error) {
      await endpoint.close().catch(() => undefined)
      throw error
    }
    this.#endpoint = endpoint
    if (index !== this.#serverIndex) {
      const change: ServerSwitch = {
        from: this.#serverLabel(this.#serverIndex),
        to: this.#serverLabel(index),
        reason: this.#isIn('moving-back') ? 'fallback' : 'failover',
        at: Date.now()
      }
      this.#log('info', `Switched from ${change.from} to ${change.to}.`)
      this.#config.onServerSwitch?.(change)
    }
    this.#serverIndex = index
    if (index > 0 && this.#isUp) this.#fallback?.start()
    else this.#fallback?.stop()
  }

  async #closeEndpoint(): Promise<void> {
    const endpoint = this.#endpoint
    this.#endpoint = undefined
    if (endpoint)
      await endpoint
        .close()
        .catch((error: Error) => this.#log('warn', `Closing the SIP connection failed: ${error.message}`))
  }

  #onDisconnect(endpoint: SipEndpoint, error?: Error): void {
    if (this.#phase !== 'serving' || endpoint !== this.#endpoint || !error) return
    this.#log('warn', `Lost the connection to ${endpoint.serverLabel}: ${error.message}`)
    this.#dialer.connectionLost()
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
    if (meansNoAnswer(failedCode) && this.#servers.length > 1) {
      await this.#connectFrom((this.#serverIndex + 1) % this.#servers.length)
      return
    }
    if (!this.#endpoint?.isConnected) await this.#connectFrom(this.#serverIndex)
  }

  /** Calls in progress get their NOTIFYs on this endpoint, and a registration attempt must end first. */
  #canMoveBack(): boolean {
    return (
      !this.#dialer.hasCallsInProgress &&
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
    this.#log('info', `${this.#serverLabel(0)} answers again: moving back to it from ${this.currentServer}.`)
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
