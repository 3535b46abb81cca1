import { settleWithin } from '../../../shared/settle-within'
import { isSipTransport } from '../../../shared/sip-transport'
import { EmitterImpl, StateTransitionError, TransportState, type Emitter, type Transport } from 'sip.js'
import type { SipTrace } from '../../../shared/sip-trace'
import type { SipChannel, SipChannelEvents } from './sip-channel'
import { tolerateAbnfBugIpv6 } from './ipv6-reference'
import { readStartLine } from './sip-message-head'
import type { SipTransportOptions, TransportLogLevel } from './sip-transport-options'
import { StreamChannel } from './stream-channel'
import { connectTimeout, type ConnectionTarget, type TransportError } from './transport-errors'
import { UdpChannel } from './udp-channel'
import { RFC3261_TIMERS } from './udp-retransmitter'
import { formatSentBy, restoreResponseVia, rewriteRequestVia } from './via-rewriter'

/** A sip.js transport that also tells where it is bound, for the Contact the lead builds. */
export interface NodeSipTransportInstance extends Transport {
  /** After connect: the local IP that routes to the server; undefined while not connected. */
  readonly localAddress: string | undefined
  /**
   * After connect: the port the phone system can reach us at, for Contact and Via sent-by. Over
   * UDP the socket's port; over TCP the port DeskDial listens on for connections the phone system
   * opens (RFC 3261 18.1.1), not the outgoing connection's ephemeral port; over TLS the outgoing
   * connection's port, since nothing listens.
   */
  readonly localPort: number | undefined
  /** The server as `host:port`. */
  readonly remote: string
}

const DEFAULT_KEEP_ALIVE_SECONDS = 30
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

interface Deferred {
  promise: Promise<void>
  resolve(): void
  reject(error: Error): void
}

function deferred(): Deferred {
  let resolve!: () => void
  let reject!: (error: Error) => void
  const promise = new Promise<void>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

/**
 * SIP over UDP, TCP or TLS for sip.js under Node, to pass as `UserAgentOptions.transportConstructor`
 * with {@link SipTransportOptions} as `transportOptions`.
 *
 * Follows sip.js's {@link TransportState} machine: `connect()` opens one socket (resolving DNS once),
 * a lost connection moves to Disconnected and calls `onDisconnect(error)` once with a
 * {@link TransportError}, and nothing reconnects by itself. Over UDP it retransmits requests
 * itself, since sip.js's transactions do not. Requests leave with the real local address in their
 * top Via and responses come back with `viaHost`, so sip.js's Via check passes.
 */
export class NodeSipTransport implements NodeSipTransportInstance {
  onConnect: (() => void) | undefined
  onDisconnect: ((error?: Error) => void) | undefined
  onMessage: ((message: string) => void) | undefined

  /** The Via sent-protocol token. */
  readonly protocol: 'UDP' | 'TCP' | 'TLS'
  readonly remote: string

  private readonly options: SipTransportOptions
  private readonly target: ConnectionTarget
  private readonly stateEmitter = new EmitterImpl<TransportState>()
  private currentState = TransportState.Disconnected
  private channel: SipChannel | undefined
  private pendingConnect: Deferred | undefined
  private pendingDisconnect: Deferred | undefined
  private transitioning = false

  /** sip.js passes its own logger first; we log through `options.log` instead so lines reach our logger. */
  constructor(_logger: unknown, options: SipTransportOptions) {
    if (!isSipTransport(options.protocol)) throw new Error(`Unknown SIP transport "${String(options.protocol)}".`)
    if (!options.host) throw new Error('The phone system address is empty.')
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)
      throw new Error(`The port ${options.port} is not a valid port number.`)
    this.options = options
    this.protocol = options.protocol === 'udp' ? 'UDP' : options.protocol === 'tcp' ? 'TCP' : 'TLS'
    this.remote = options.host.includes(':') ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`
    this.target = {
      protocol: options.protocol,
      host: options.host,
      remote: this.remote,
      tlsName: options.servername
    }
  }

  get state(): TransportState {
    return this.currentState
  }

  get stateChange(): Emitter<TransportState> {
    return this.stateEmitter
  }

  get localAddress(): string | undefined {
    return this.channel?.local?.address
  }

  get localPort(): number | undefined {
    return this.channel?.local?.port
  }

  isConnected(): boolean {
    return this.currentState === TransportState.Connected
  }

  connect(): Promise<void> {
    if (this.transitioning) return Promise.reject(this.loopError())
    if (this.currentState === TransportState.Connected) return Promise.resolve()
    if (this.currentState === TransportState.Connecting && this.pendingConnect) return this.pendingConnect.promise
    const connecting = deferred()
    this.pendingConnect = connecting
    const channel: SipChannel = this.createChannel({
      onMessage: (message) => this.receive(channel, message),
      onLost: (error) => this.lose(channel, error),
      onTrace: this.traceTo(this.options.onTrace)
    })
    this.channel = channel
    this.log('info', `Connecting to ${this.remote} over ${this.protocol}`)
    this.transition(TransportState.Connecting)
    this.openWithTimeout(channel).then(
      () => {
        if (this.channel !== channel) return
        this.log(
          'info',
          `Connected to ${this.remote} over ${this.protocol} from ${this.localAddress}:${this.localPort}`
        )
        this.transition(TransportState.Connected)
      },
      (error: Error) => {
        if (this.channel !== channel) return
        this.channel = undefined
        this.log('warn', error.message)
        this.transition(TransportState.Disconnected, error)
      }
    )
    return connecting.promise
  }

  disconnect(): Promise<void> {
    if (this.transitioning) return Promise.reject(this.loopError())
    if (this.currentState === TransportState.Disconnected) return Promise.resolve()
    if (this.currentState === TransportState.Disconnecting && this.pendingDisconnect)
      return this.pendingDisconnect.promise
    const disconnecting = deferred()
    this.pendingDisconnect = disconnecting
    const channel = this.channel
    this.channel = undefined
    this.log('info', `Disconnecting from ${this.remote}`)
    this.transition(TransportState.Disconnecting)
    const finish = (): void => {
      // A connect() in the meantime took over; its own transitions settle this promise.
      if (this.pendingDisconnect === disconnecting) this.transition(TransportState.Disconnected)
    }
    void (channel?.close() ?? Promise.resolve()).then(finish)
    return disconnecting.promise
  }

  /** Same as disconnect(): sip.js calls it from `UserAgent.stop()` yet reuses the instance on a later `start()`. */
  dispose(): Promise<void> {
    return this.disconnect()
  }

  async send(message: string): Promise<void> {
    const channel = this.channel
    const local = channel?.local
    if (this.currentState !== TransportState.Connected || !channel || !local) {
      throw new Error(`Cannot send: not connected to the phone system at ${this.remote} over ${this.protocol}.`)
    }
    const outgoing =
      readStartLine(message)?.kind === 'request'
        ? rewriteRequestVia(message, formatSentBy(local.address, local.port))
        : message
    this.log('debug', `Sending ${firstLine(message)} to ${this.remote}`)
    await channel.send(outgoing)
  }

  private createChannel(events: SipChannelEvents): SipChannel {
    const { options, target } = this
    const warn = (message: string): void => this.log('warn', message)
    if (options.protocol === 'udp') {
      const timers = options.retransmitTimers ?? RFC3261_TIMERS
      return new UdpChannel({ target, port: options.port, timers, warn }, events)
    }
    return new StreamChannel(
      {
        target,
        port: options.port,
        caFile: options.caFile,
        keepAliveSeconds: options.keepAliveSeconds ?? DEFAULT_KEEP_ALIVE_SECONDS,
        warn
      },
      events
    )
  }

  private async openWithTimeout(channel: SipChannel): Promise<void> {
    const timeoutMs = this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
    try {
      const opened = await settleWithin(channel.open(), timeoutMs)
      if (!opened.done) throw connectTimeout(this.target, timeoutMs)
    } catch (error) {
      await channel.close()
      throw error
    }
  }

  private receive(channel: SipChannel, message: string): void {
    if (channel !== this.channel || this.currentState !== TransportState.Connected) return
    const tolerated = tolerateAbnfBugIpv6(message)
    const incoming =
      readStartLine(tolerated)?.kind === 'response' ? restoreResponseVia(tolerated, this.options.viaHost) : tolerated
    this.log('debug', `Received ${firstLine(message)} from ${this.remote}`)
    // A throw here would escape a socket callback and take the process down.
    this.guarded('onMessage', () => this.onMessage?.(incoming))
  }

  private lose(channel: SipChannel, error: TransportError): void {
    if (channel !== this.channel || this.currentState !== TransportState.Connected) return
    this.channel = undefined
    void channel.close()
    this.log('warn', error.message)
    this.transition(TransportState.Disconnected, error)
  }

  /** Moves the state machine and settles whatever was waiting on the state left behind. */
  private transition(next: TransportState, error?: Error): void {
    const previous = this.currentState
    const connecting = previous === TransportState.Connecting ? this.pendingConnect : undefined
    const disconnecting = previous === TransportState.Disconnecting ? this.pendingDisconnect : undefined
    if (connecting) this.pendingConnect = undefined
    if (disconnecting) this.pendingDisconnect = undefined
    this.transitioning = true
    try {
      this.currentState = next
      this.log('debug', `${this.protocol} transport to ${this.remote}: ${previous} -> ${next}`)
      this.guarded('stateChange listener', () => this.stateEmitter.emit(next))
      if (next === TransportState.Connected) this.guarded('onConnect', () => this.onConnect?.())
      if (previous === TransportState.Connected) this.guarded('onDisconnect', () => this.onDisconnect?.(error))
    } finally {
      this.transitioning = false
    }
    if (next === TransportState.Connected) connecting?.resolve()
    else connecting?.reject(error ?? new Error(`Connecting to ${this.remote} was cancelled by disconnect().`))
    if (next === TransportState.Disconnected) disconnecting?.resolve()
    else disconnecting?.reject(new Error(`Disconnecting from ${this.remote} was cancelled by connect().`))
  }

  private traceTo(trace: SipTrace | undefined): SipChannelEvents['onTrace'] {
    if (!trace) return undefined
    return (direction, text, peer, note) =>
      this.guarded('onTrace', () =>
        trace({ at: Date.now(), direction, transport: this.protocol, peer, text, ...(note !== undefined && { note }) })
      )
  }

  private guarded(what: string, callback: () => void): void {
    try {
      callback()
    } catch (error) {
      this.log('error', `${what} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }

  private loopError(): StateTransitionError {
    return new StateTransitionError('connect() or disconnect() called synchronously from a transport state callback.')
  }

  private log(level: TransportLogLevel, message: string): void {
    this.options.log?.(level, message)
  }
}

function firstLine(message: string): string {
  const end = message.indexOf('\r\n')
  return end === -1 ? message.slice(0, 80) : message.slice(0, end)
}
