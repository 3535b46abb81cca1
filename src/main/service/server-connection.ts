import { parseServerAddress, type ServerAddress } from '../../shared/server-address'
import { SipEndpoint, type SipEndpointOptions, type SipLog } from '../sip/sip-endpoint'
import type { SipTransportOptions } from '../sip/transport'
import type { DeskDialServiceOptions, ServerSwitch } from './deskdial-service-api'

export interface ServerConnectionOptions extends Pick<
  DeskDialServiceOptions,
  'account' | 'password' | 'onTrace' | 'onServerSwitch'
> {
  transport?: Partial<SipTransportOptions>
  log: SipLog
  /** A message dropped unanswered by the endpoint (it cannot be answered, or answers nothing). */
  onDiscard: () => void
  /** The endpoint's transport went down (with the error), or was closed. */
  onDisconnect: (endpoint: SipEndpoint, error?: Error) => void
  /** Why the connection moves to another server now: the first server answers again, or the one in use stopped. */
  switchReason: () => ServerSwitch['reason']
}

/**
 * The account's servers and the one endpoint open on one of them: connecting in list order from a
 * given server, wrapping around, and telling each move to another server.
 */
export class ServerConnection {
  readonly #options: ServerConnectionOptions
  readonly #servers: ServerAddress[]
  #endpoint: SipEndpoint | undefined
  #index = 0

  constructor(options: ServerConnectionOptions) {
    this.#options = options
    const { servers, transport } = options.account
    this.#servers = servers.map((server) => parseServerAddress(server, transport))
  }

  /** The endpoint open now; undefined before the first connection and after {@link close}. */
  get endpoint(): SipEndpoint | undefined {
    return this.#endpoint
  }

  /** The position in the account's list of the server connected last. */
  get index(): number {
    return this.#index
  }

  get serverCount(): number {
    return this.#servers.length
  }

  label(index: number): string {
    return `${this.#servers[index].host}:${this.#servers[index].port}`
  }

  /** What an endpoint on server `index` is made with (the fallback's probe makes its own). */
  endpointOptions(index: number): SipEndpointOptions {
    const { account, password, transport, onTrace, log, onDiscard } = this.#options
    return { account, server: this.#servers[index], password, log, onTrace, transport, onDiscard }
  }

  /** Connects to the first reachable server, starting at `first` and wrapping around the list. */
  async connectFrom(first: number): Promise<void> {
    let lastError: Error | undefined
    for (let offset = 0; offset < this.#servers.length; offset += 1) {
      const index = (first + offset) % this.#servers.length
      try {
        await this.#connectTo(index)
        return
      } catch (error) {
        lastError = error as Error
        this.#options.log('warn', `Could not connect to ${this.label(index)}: ${lastError.message}`)
      }
    }
    throw lastError ?? new Error('No phone system server is configured.')
  }

  async close(): Promise<void> {
    const endpoint = this.#endpoint
    this.#endpoint = undefined
    if (endpoint)
      await endpoint
        .close()
        .catch((error: Error) => this.#options.log('warn', `Closing the SIP connection failed: ${error.message}`))
  }

  async #connectTo(index: number): Promise<void> {
    await this.close()
    const endpoint = new SipEndpoint(this.endpointOptions(index))
    endpoint.onDisconnect((error) => this.#options.onDisconnect(endpoint, error))
    try {
      await endpoint.connect()
    } catch (error) {
      await endpoint.close().catch(() => undefined)
      throw error
    }
    this.#endpoint = endpoint
    if (index !== this.#index) {
      const change: ServerSwitch = {
        from: this.label(this.#index),
        to: this.label(index),
        reason: this.#options.switchReason(),
        at: Date.now()
      }
      this.#options.log('info', `Switched from ${change.from} to ${change.to}.`)
      this.#options.onServerSwitch?.(change)
    }
    this.#index = index
  }
}
