/**
 * The one module that touches sip.js: a user agent bound to one phone-system server over our own
 * Node transport, with our digest, our logging and hooks for out-of-dialog REFER and its NOTIFYs.
 * Everything above this file speaks in URIs, headers and callbacks, never in sip.js internals.
 */
import { Core, UserAgent, type URI } from 'sip.js'
import type { AccountSettings } from '../../shared/account-settings'
import type { ServerAddress } from '../../shared/server-address'
import type { SipTrace } from '../../shared/sip-trace'
import { maskSecret } from '../../shared/mask-secret'
import { keepStrongestChallenge } from './challenge-selection'
import { DigestCredentials } from './digest-credentials'
import { isUnreachableWarning, NodeSipTransport, type NodeSipTransportInstance, type SipTransportOptions } from './transport'

export type SipLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void

export interface SipEndpointOptions {
  account: AccountSettings
  server: ServerAddress
  password?: string
  log: SipLog
  /** Hears every SIP message sent and received (see {@link SipTransportOptions.onTrace}). */
  onTrace?: SipTrace
  /** Test and benchmark hook: extra transport options (e.g. shorter retransmission timers). */
  transport?: Partial<SipTransportOptions>
}

/**
 * What became of a request: the server `answered` (whatever the code), or nothing answered in time
 * (`timed-out`, a 408 of our own), or nothing listens there / the connection failed
 * (`unreachable`, a 503 of our own).
 */
export type SipOutcome = 'answered' | 'timed-out' | 'unreachable'

/** A response as the layers above see it. */
export interface SipResponse {
  outcome: SipOutcome
  code: number
  reason: string
  header(name: string): string | undefined
  headers(name: string): string[]
}

export interface SipRequestHandlers {
  onProgress?(response: SipResponse): void
  onFinal(response: SipResponse): void
}

/** An incoming NOTIFY of a subscription we created. Answer it exactly once. */
export interface SipNotify {
  cseq: number
  body: string
  header(name: string): string | undefined
  accept(): void
  reject(code: number): void
}

export interface OutgoingSipRequest {
  callId: string
  fromTag: string
  /** The CSeq number last used (digest retries increment it). */
  readonly cseq: number
}

const VIA_PLACEHOLDER = 'deskdial.invalid'

// sip.js assumes a reliable transport and leaves Timer J at 0; with the RFC value the server
// transactions absorb retransmitted NOTIFYs (answered again, passed up once) on UDP too. Timer K
// stays 0: a retransmitted final response then finds no transaction and is discarded, which is
// all Timer K would achieve, without the orphaned 5 s timer of a digest-retried request.
Core.Timers.TIMER_J = 64 * Core.Timers.T1

/** Responses without a Via were made up on this side (sip.js's timeout, a transport failure); the transport marks its ICMP 503. */
export function outcomeOf(code: number, header: (name: string) => string | undefined): SipOutcome {
  if (isUnreachableWarning(header('Warning'))) return 'unreachable'
  if (header('Via') !== undefined) return 'answered'
  return code === 408 ? 'timed-out' : 'unreachable'
}

function toSipResponse(message: Core.IncomingResponseMessage): SipResponse {
  return {
    outcome: outcomeOf(message.statusCode ?? 0, (name) => message.getHeader(name)),
    code: message.statusCode ?? 0,
    reason: message.reasonPhrase ?? '',
    header: (name) => message.getHeader(name),
    headers: (name) => message.getHeaders(name)
  }
}

export class SipEndpoint {
  readonly server: ServerAddress
  readonly domain: string
  readonly #ua: UserAgent
  #disconnectListeners = new Set<(error?: Error) => void>()

  constructor(options: SipEndpointOptions) {
    const { account, server, password, log } = options
    this.server = server
    this.domain = account.domain?.trim() || server.host
    const aor = UserAgent.makeURI(`sip:${account.user}@${this.domain}`)
    if (!aor) throw new Error(`"${account.user}@${this.domain}" is not a valid SIP address. Check the user name and domain.`)

    const transportOptions: SipTransportOptions = {
      protocol: account.transport,
      host: server.host,
      port: server.port,
      viaHost: VIA_PLACEHOLDER,
      caFile: account.caFile,
      log,
      onTrace: options.onTrace,
      ...options.transport
    }
    this.#ua = new UserAgent({
      uri: aor,
      displayName: account.displayName,
      contactName: account.user,
      contactParams: { transport: account.transport },
      viaHost: VIA_PLACEHOLDER,
      forceRport: true,
      transportConstructor: NodeSipTransport,
      transportOptions,
      userAgentString: 'DeskDial',
      logConfiguration: false,
      logBuiltinEnabled: false,
      logLevel: 'debug',
      logConnector: (level, category, _label, content) => {
        log(level === 'log' ? 'info' : level, `${category}: ${maskSecret(content, password)}`)
      },
      delegate: {
        // DeskDial places calls through the desk phone; it never takes one itself.
        onInvite: (invitation) => void invitation.reject({ statusCode: 603 }).catch(() => undefined),
        onDisconnect: (error) => this.#disconnectListeners.forEach((listener) => listener(error))
      }
    })
    const authUser = account.authUser?.trim() || account.user
    this.#ua.userAgentCore.configuration.authenticationFactory = () => new DigestCredentials(authUser, password ?? '') as never

    const transport = this.#transport
    const deliver = transport.onMessage
    transport.onMessage = (text: string) => {
      try {
        deliver?.(keepStrongestChallenge(text))
      } catch (error) {
        // A message sip.js cannot digest must not take the app down with it.
        log('warn', `Dropped a SIP message that could not be processed: ${(error as Error).message}`)
      }
    }
  }

  get #transport(): NodeSipTransportInstance {
    return this.#ua.transport as unknown as NodeSipTransportInstance
  }

  get serverLabel(): string {
    return `${this.server.host}:${this.server.port}`
  }

  get isConnected(): boolean {
    return this.#ua.isConnected()
  }

  /** Opens the transport (rejects with a TransportError sentence) and fixes the Contact to the bound address. */
  async connect(): Promise<void> {
    await this.#ua.start()
    const transport = this.#transport
    const contactUri = this.#ua.contact.uri
    contactUri.host = transport.localAddress ?? contactUri.host
    contactUri.port = transport.localPort
  }

  async close(): Promise<void> {
    await this.#ua.stop()
  }

  onDisconnect(listener: (error?: Error) => void): () => void {
    this.#disconnectListeners.add(listener)
    return () => this.#disconnectListeners.delete(listener)
  }

  /** `sip:<user>@<domain>`; a `#` (feature codes such as *21*…#) is not allowed in a SIP user part as it is, so it goes as `%23`. */
  uri(user: string): URI {
    const uri = UserAgent.makeURI(`sip:${user.replaceAll('#', '%23')}@${this.domain}`)
    if (!uri) throw new Error(`"${user}" cannot be used in a SIP address.`)
    return uri
  }

  /** The registrar: `sip:<domain>`. */
  get registrar(): URI {
    const uri = UserAgent.makeURI(`sip:${this.domain}`)
    if (!uri) throw new Error(`"${this.domain}" is not a valid SIP domain.`)
    return uri
  }

  get aor(): URI {
    return this.#ua.configuration.uri
  }

  /** `<sip:user@local-ip:port;transport=x>`, where the phone system sends NOTIFYs. */
  get contact(): string {
    return this.#ua.contact.toString()
  }

  /**
   * Sends an out-of-dialog request. Digest challenges are answered by the core (once, or once
   * more on stale=true); `onFinal` gets the final response, or a synthetic 408 (no answer) /
   * 503 (transport failure) as RFC 3261 §8.1.3.1 prescribes.
   */
  send(
    method: string,
    requestUri: URI,
    toUri: URI,
    extraHeaders: string[],
    handlers: SipRequestHandlers,
    options: { callId?: string; fromTag?: string; cseq?: number; beforeSend?: (request: OutgoingSipRequest) => void } = {}
  ): OutgoingSipRequest {
    const core = this.#ua.userAgentCore
    const message = core.makeOutgoingRequestMessage(
      method,
      requestUri,
      this.aor,
      toUri,
      {
        // Only what is set: an explicit undefined would override sip.js's defaults (e.g. "CSeq: undefined").
        ...(options.callId !== undefined && { callId: options.callId }),
        ...(options.fromTag !== undefined && { fromTag: options.fromTag }),
        ...(options.cseq !== undefined && { cseq: options.cseq }),
        // sip.js would advertise outbound/path/gruu, which DeskDial does not implement.
        optionTags: []
      },
      extraHeaders
    )
    const outgoing: OutgoingSipRequest = {
      callId: message.callId,
      fromTag: message.fromTag,
      get cseq() {
        return message.cseq
      }
    }
    options.beforeSend?.(outgoing)
    const final = (response: Core.IncomingResponse): void => handlers.onFinal(toSipResponse(response.message))
    core.request(message, {
      onTrying: (response) => handlers.onProgress?.(toSipResponse(response.message)),
      onProgress: (response) => handlers.onProgress?.(toSipResponse(response.message)),
      onAccept: final,
      onRedirect: final,
      onReject: final
    })
    return outgoing
  }

  /**
   * Routes every NOTIFY of the implicit subscription created by a REFER (RFC 3515) to `onNotify`,
   * including one that arrives before the REFER's 202. sip.js otherwise answers them 481: we sit
   * in the core's subscriber table under the key its own SUBSCRIBE client uses.
   */
  watchNotifies(callId: string, fromTag: string, event: string, onNotify: (notify: SipNotify) => void): () => void {
    const core = this.#ua.userAgentCore
    const key = callId + fromTag + event
    const subscriber = {
      onNotify: (uas: Core.NotifyUserAgentServer) => {
        const message = uas.message
        onNotify({
          cseq: message.cseq,
          body: message.body ?? '',
          header: (name) => message.getHeader(name),
          accept: () => void uas.accept(),
          reject: (code) => void uas.reject({ statusCode: code })
        })
      },
      dispose: () => core.subscribers.delete(key)
    }
    core.subscribers.set(key, subscriber as unknown as Core.SubscribeUserAgentClient)
    return () => {
      if (core.subscribers.get(key) === (subscriber as unknown)) core.subscribers.delete(key)
    }
  }
}
