/**
 * The one module that drives sip.js: a user agent bound to one phone-system server over our own
 * Node transport, with our digest, our logging and hooks for out-of-dialog REFER and its NOTIFYs.
 * Everything above this file speaks in URIs, headers and callbacks (see `sip-messages.ts`), never
 * in sip.js internals; what DeskDial changes in sip.js itself is in `sipjs-tuning.ts`.
 */
import { Core, UserAgent, type URI } from 'sip.js'
import type { AccountSettings } from '../../shared/account-settings'
import type { ServerAddress } from '../../shared/server-address'
import type { SipTrace } from '../../shared/sip-trace'
import { maskSecret } from '../../shared/mask-secret'
import { keepStrongestChallenge } from './challenge-selection'
import { DigestCredentials } from './digest-credentials'
import { screenRequest } from './request-screen'
import { toSipResponse, type OutgoingSipRequest, type SipNotify, type SipRequestHandlers } from './sip-messages'
import { SIP_GRAMMAR, withoutEmptySupported } from './sipjs-tuning'
import {
  callIdOf,
  NodeSipTransport,
  readCseq,
  readStartLine,
  topViaBranch,
  viaValueCount,
  type NodeSipTransportInstance,
  type SipTransportOptions
} from './transport'

export type { OutgoingSipRequest, SipNotify, SipOutcome, SipRequestHandlers, SipResponse } from './sip-messages'
export { outcomeOf } from './sip-messages'

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
  /** Hears of every message dropped unanswered (it cannot be answered, or answers nothing), saying why. */
  onDiscard?: (problem: string) => void
}

const VIA_PLACEHOLDER = 'deskdial.invalid'

/** DeskDial's user agent on one server of the phone system. */
export class SipEndpoint {
  readonly server: ServerAddress
  readonly domain: string
  readonly #ua: UserAgent
  readonly #log: SipLog
  #disconnectListeners = new Set<(error?: Error) => void>()

  constructor(options: SipEndpointOptions) {
    const { account, server, password, log } = options
    this.#log = log
    this.server = server
    this.domain = account.domain?.trim() || server.host
    const aor = UserAgent.makeURI(`sip:${account.user}@${this.domain}`)
    if (!aor)
      throw new Error(`"${account.user}@${this.domain}" is not a valid SIP address. Check the user name and domain.`)

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
    this.#ua.userAgentCore.configuration.authenticationFactory = () =>
      new DigestCredentials(authUser, password ?? '') as never

    // DeskDial implements no SIP extension (sip.js would claim `outbound`), so it advertises none.
    const core = this.#ua.userAgentCore.configuration
    core.supportedOptionTags = []
    core.supportedOptionTagsResponse = []

    const transport = this.#transport
    const deliver = transport.onMessage
    const send = transport.send.bind(transport)
    transport.send = (message: string) => send(withoutEmptySupported(message))
    transport.onMessage = (text: string) => {
      try {
        this.#receive(text, (message) => deliver?.(message), options.onDiscard)
      } catch (error) {
        // A message sip.js cannot digest must not take the app down with it.
        log('warn', `Dropped a SIP message that could not be processed: ${(error as Error).message}`)
      }
    }
  }

  /** Responses reach sip.js only when they answer a request we sent; requests only once screened (RFC 3261 8.2). */
  #receive(text: string, deliver: (message: string) => void, onDiscard: ((problem: string) => void) | undefined): void {
    const discard = (problem: string): void => {
      this.#log(
        'warn',
        `Discarded a SIP message from ${this.serverLabel}: ${problem}. (${text.slice(0, Math.max(0, text.indexOf('\r\n'))) || 'no start line'})`
      )
      onDiscard?.(problem)
    }
    if (readStartLine(text)?.kind === 'response') {
      const problem = this.#responseProblem(text)
      if (problem) discard(problem)
      else deliver(keepStrongestChallenge(text))
      return
    }
    const verdict = screenRequest(text, SIP_GRAMMAR, this.aor.user ?? '')
    if (verdict.action === 'pass') deliver(text)
    else if (verdict.action === 'drop') discard(verdict.problem)
    else {
      this.#log(
        'info',
        `Answered ${verdict.response.slice(0, verdict.response.indexOf('\r\n'))} to a request from ${this.serverLabel}.`
      )
      this.#transport
        .send(verdict.response)
        .catch((error: Error) =>
          this.#log('warn', `Could not answer a request from ${this.serverLabel}: ${error.message}`)
        )
    }
  }

  /** Why a response answers none of our requests (RFC 3261 8.1.3.3, 17.1.3); undefined when it answers one. */
  #responseProblem(text: string): string | undefined {
    if (viaValueCount(text) > 1) return 'a response with more than one Via'
    const cseq = readCseq(text)
    const client = cseq && this.#ua.userAgentCore.userAgentClients.get(`${topViaBranch(text)}${cseq.method}`)
    const request = client?.transaction.request
    if (!request || !cseq || request.callId !== callIdOf(text) || String(request.cseq) !== cseq.number)
      return 'a response that matches no request DeskDial sent'
    return undefined
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

  /** A URI the server gave (a Contact, the target of a dialog); undefined when it is not a SIP URI. */
  parseUri(text: string): URI | undefined {
    return UserAgent.makeURI(text)
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
    options: {
      callId?: string
      fromTag?: string
      /** Within a dialog (a subscription's refresh): the other side's tag. */
      toTag?: string
      cseq?: number
      beforeSend?: (request: OutgoingSipRequest) => void
    } = {}
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
        ...(options.toTag !== undefined && { toTag: options.toTag }),
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
