/**
 * The demo phone system: a registrar and an out-of-dialog REFER server that places click-to-dial
 * calls between registered phones and virtual ones, as Cisco SRST/CME does with
 * `refer-ood enable` and `authenticate ood-refer`. Every message in and out, and every call event,
 * is one log line.
 */
import { CallMeBack, CALL_ME_NUMBER, CALLING_COLLEAGUE, COLLEAGUE } from './call-me-back'
import { ClickToDialCall } from './click-to-dial-call'
import { DigestChallenger, type DigestAlgorithm, type DigestVerdict } from './digest-challenge'
import type { PhoneLeg, PhoneLegEvents } from './phone-leg'
import { LineBook } from './presence/line-book'
import { PresenceServer } from './presence/presence-server'
import { trackedLeg } from './presence/tracked-leg'
import { ReferSubscription } from './refer-subscription'
import { DEFAULT_EXPIRES_SECONDS, MAX_EXPIRES_SECONDS, Registrar } from './registrar'
import { flowToContact, randomToken, type SipContext } from './sip-context'
import { describeFlow, SipNetwork, type DemoTransport, type Flow } from './sip-network'
import {
  header,
  headerValues,
  parseNameAddress,
  parseUri,
  responseTo,
  splitList,
  summarize,
  type MalformedSipError,
  type SipMessage,
  type SipRequest
} from './sip-message'
import { SipPhoneLeg, type Caller } from './sip-phone-leg'
import { specialNumber } from './special-numbers'
import { TransactionLayer, type TransactionTiming } from './transactions'
import { VirtualPhoneLeg, type VirtualPhoneTiming } from './virtual-phone-leg'

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, REFER, SUBSCRIBE'
/** Methods SIP defines that the demo phone system does not take (405); anything else is unknown (501). */
const KNOWN_METHODS = new Set([
  'INVITE',
  'ACK',
  'CANCEL',
  'BYE',
  'OPTIONS',
  'REGISTER',
  'REFER',
  'SUBSCRIBE',
  'NOTIFY',
  'MESSAGE',
  'INFO',
  'PRACK',
  'UPDATE',
  'PUBLISH'
])
const MIN_EXPIRES_SECONDS = 60
const NUMBER = /^[A-Za-z0-9*#+._~-]{1,64}$/

export interface DeskDialAccount {
  user: string
  /** The digest user name, when it differs from `user`. */
  authUser?: string
  password?: string
}

export interface PhoneSystemSettings {
  host: string
  transports: readonly DemoTransport[]
  /** DeskDial's account; REGISTER and REFER are challenged for it when it has a password. */
  account: DeskDialAccount
  /** When set, phones must register with their number as user name and this password. */
  phonePassword?: string
  /** The digest algorithms challenges offer, preferred first. */
  digestAlgorithms: readonly DigestAlgorithm[]
  /** Concurrent click-to-dial calls, as `refer-ood enable <n>` caps them; more are refused with 503. */
  maxCalls: number
  ringTimeoutMs: number
  virtualPhones: VirtualPhoneTiming
  transactions: TransactionTiming
  log(line: string): void
}

export class DemoPhoneSystemServer {
  readonly #settings: PhoneSystemSettings
  readonly #network: SipNetwork
  readonly #registrar = new Registrar()
  readonly #digest: DigestChallenger
  readonly #calls = new Map<string, ClickToDialCall | CallMeBack>()
  readonly #lines = new LineBook()
  #presence: PresenceServer | undefined
  #context: SipContext | undefined

  constructor(settings: PhoneSystemSettings) {
    this.#settings = settings
    this.#digest = new DigestChallenger('deskdial-demo', settings.digestAlgorithms)
    this.#network = new SipNetwork({
      message: (message, flow) => this.#receive(message, flow),
      malformed: (error, flow) => this.#malformed(error, flow),
      log: settings.log
    })
  }

  async start(port: number): Promise<number> {
    const bound = await this.#network.start(this.#settings.host, port, this.#settings.transports)
    const sentBy = `${this.#settings.host.includes(':') ? `[${this.#settings.host}]` : this.#settings.host}:${bound}`
    this.#context = {
      domain: sentBy,
      sentBy,
      dialogs: new Map(),
      log: this.#settings.log,
      transactions: new TransactionLayer({
        sentBy,
        timing: this.#settings.transactions,
        send: (message, flow) => {
          this.#settings.log(`out ${describeFlow(flow)} ${summarize(message)}`)
          this.#network.send(message, flow)
        }
      })
    }
    this.#presence = new PresenceServer(this.#context, this.#lines, (request, watcher, respond) =>
      this.#authenticated(request, this.#credentialsFor(watcher), respond)
    )
    return bound
  }

  get registered(): string[] {
    return this.#registrar.registered
  }

  get activeCalls(): number {
    return this.#calls.size
  }

  async stop(): Promise<void> {
    for (const call of this.#calls.values()) call.stop()
    this.#calls.clear()
    this.#presence?.stop()
    this.#context?.transactions.stop()
    await this.#network.stop()
  }

  #malformed(error: MalformedSipError, flow: Flow): void {
    this.#settings.log(`in  ${describeFlow(flow)} malformed message (${error.message})`)
    if (!error.request || error.request.method === 'ACK' || !this.#context) return
    // Answered without the transaction layer: the request may be too broken to key a transaction.
    const response = responseTo(
      error.request,
      400,
      `Bad Request (${error.message.replace(/[\r\n]/g, ' ').slice(0, 80)})`
    )
    this.#settings.log(`out ${describeFlow(flow)} ${summarize(response)}`)
    this.#network.send(response, flow)
  }

  #receive(message: SipMessage, flow: Flow): void {
    const context = this.#context
    if (!context) return
    this.#settings.log(`in  ${describeFlow(flow)} ${summarize(message)}`)
    if (message.kind === 'response') {
      if (!context.transactions.handleResponse(message))
        this.#settings.log('  (a response to nothing we sent: dropped)')
      return
    }
    if (context.transactions.absorbsRequest(message, flow)) {
      this.#settings.log('  (retransmission: answered as before)')
      return
    }
    if (message.method === 'ACK') return
    const respond = (status: number, reason: string, extra: Array<[string, string]> = [], toTag?: string): void =>
      context.transactions.respond(
        message,
        responseTo(
          message,
          status,
          reason,
          toTag ?? (parseNameAddress(header(message, 'to'))?.tag ? undefined : randomToken()),
          extra
        )
      )
    if (parseNameAddress(header(message, 'to'))?.tag) {
      const dialog = context.dialogs.get(header(message, 'call-id') ?? '')
      if (dialog) dialog(message, flow)
      else respond(481, 'Call/Transaction Does Not Exist')
      return
    }
    switch (message.method) {
      case 'OPTIONS':
        respond(200, 'OK', [
          ['Allow', ALLOW],
          ['Accept', 'application/sdp, message/sipfrag']
        ])
        return
      case 'REGISTER':
        this.#register(message, flow, respond)
        return
      case 'REFER':
        this.#refer(context, message, flow, respond)
        return
      case 'SUBSCRIBE':
        this.#presence?.subscribe(message, flow, respond)
        return
      case 'INVITE':
        respond(403, 'Forbidden (the demo phone system only places click-to-dial calls)')
        return
      case 'BYE':
      case 'CANCEL':
        respond(481, 'Call/Transaction Does Not Exist')
        return
      default:
        if (KNOWN_METHODS.has(message.method)) respond(405, 'Method Not Allowed', [['Allow', ALLOW]])
        else respond(501, 'Not Implemented', [['Allow', ALLOW]])
    }
  }

  /** The digest credentials an account needs: DeskDial's, a phone's (its number and the shared phone password), or none. */
  #credentialsFor(user: string): { username: string; password: string } | undefined {
    const account = this.#settings.account
    if (user === account.user)
      return account.password === undefined
        ? undefined
        : { username: account.authUser ?? account.user, password: account.password }
    return this.#settings.phonePassword === undefined
      ? undefined
      : { username: user, password: this.#settings.phonePassword }
  }

  /** Answers 401 unless the request carries valid digest credentials; returns whether it may go on. */
  #authenticated(
    request: SipRequest,
    credentials: { username: string; password: string } | undefined,
    respond: Responder
  ): boolean {
    if (credentials === undefined) return true
    const user = credentials.username
    const verdict: DigestVerdict = this.#digest.verify(request, user, credentials.password)
    if (verdict === 'valid') return true
    if (verdict === 'wrong') this.#settings.log(`  wrong credentials for ${user}`)
    respond(401, 'Unauthorized', this.#digest.challengeHeaders(verdict === 'stale'))
    return false
  }

  #register(request: SipRequest, flow: Flow, respond: Responder): void {
    const user = parseUri(parseNameAddress(header(request, 'to'))?.uri ?? '')?.user ?? ''
    if (!NUMBER.test(user)) return respond(400, 'Bad Request (register a number or a user name)')
    if (specialNumber(user)) return respond(403, `Forbidden (${user} is one of the demo phone system's virtual phones)`)
    if (!this.#authenticated(request, this.#credentialsFor(user), respond)) return
    const contacts = headerValues(request, 'contact').flatMap(splitList)
    const expiresHeader = header(request, 'expires')
    if (contacts.length === 0) {
      const binding = this.#registrar.lookup(user)
      return respond(
        200,
        'OK',
        binding
          ? [['Contact', `<${binding.contact}>;expires=${Math.round((binding.expiresAt - Date.now()) / 1000)}`]]
          : []
      )
    }
    if (contacts[0] === '*') {
      if (expiresHeader?.trim() !== '0' || contacts.length > 1)
        return respond(400, 'Bad Request (Contact: * needs Expires: 0)')
      this.#registrar.unbind(user)
      this.#settings.log(`${user} unregistered`)
      return respond(200, 'OK')
    }
    const contact = parseNameAddress(contacts[0])
    if (!contact) return respond(400, 'Bad Request (unreadable Contact)')
    const requested = Number(contact.params.get('expires') ?? expiresHeader ?? DEFAULT_EXPIRES_SECONDS)
    if (!Number.isInteger(requested) || requested < 0) return respond(400, 'Bad Request (unreadable Expires)')
    if (requested === 0) {
      this.#registrar.unbind(user)
      this.#settings.log(`${user} unregistered`)
      return respond(200, 'OK')
    }
    if (requested < MIN_EXPIRES_SECONDS)
      return respond(423, 'Interval Too Brief', [['Min-Expires', String(MIN_EXPIRES_SECONDS)]])
    const granted = Math.min(requested, MAX_EXPIRES_SECONDS)
    const stored = this.#registrar.bind({
      user,
      contact: contact.uri,
      flow: flowToContact(contact.uri, flow),
      expiresAt: Date.now() + granted * 1000
    })
    if (!stored) return respond(503, 'Service Unavailable (too many registrations)', [['Retry-After', '60']])
    this.#settings.log(`${user} registered at ${contact.uri} for ${granted} s`)
    respond(200, 'OK', [
      ['Contact', `<${contact.uri}>;expires=${granted}`],
      ['Expires', String(granted)]
    ])
  }

  #refer(context: SipContext, request: SipRequest, flow: Flow, respond: Responder): void {
    if (!this.#authenticated(request, this.#credentialsFor(this.#settings.account.user), respond)) return
    const referTo = headerValues(request, 'refer-to')
    if (referTo.length !== 1) return respond(400, 'Bad Request (exactly one Refer-To)')
    const target = parseUri(parseNameAddress(referTo[0])?.uri ?? '')?.user ?? ''
    const deskPhone = parseUri(request.uri)?.user ?? ''
    if (!NUMBER.test(target)) return respond(400, 'Bad Request (Refer-To names no number)')
    if (!NUMBER.test(deskPhone)) return respond(400, 'Bad Request (the Request-URI names no phone)')
    const contacts = headerValues(request, 'contact').flatMap(splitList)
    const contact = contacts.length === 1 ? parseNameAddress(contacts[0]) : undefined
    if (!contact) return respond(400, 'Bad Request (exactly one Contact)')
    if (this.#calls.size >= this.#settings.maxCalls)
      return respond(503, 'Service Unavailable (too many click-to-dial calls)', [['Retry-After', '5']])

    const toTag = randomToken()
    respond(202, 'Accepted', [['Contact', `<sip:demo-pbx@${context.sentBy};transport=${flow.transport}>`]], toTag)
    const id = header(request, 'call-id') ?? toTag
    const subscription = new ReferSubscription(context, request, flowToContact(contact.uri, flow), contact.uri, toTag)
    if (target === CALL_ME_NUMBER) return this.#callMeBack(context, id, deskPhone, subscription)
    const caller = parseNameAddress(header(request, 'from'))
    const call = new ClickToDialCall({
      id,
      deskPhone,
      target,
      subscription,
      ringTimeoutMs: this.#settings.ringTimeoutMs,
      host: this.#settings.host,
      log: this.#settings.log,
      // The desk phone shows whom it is about to call; the target sees the desk phone's number.
      deskPhoneLeg: (events) =>
        this.#legTo(
          context,
          deskPhone,
          { displayName: `Calling ${target}`, user: parseUri(caller?.uri ?? '')?.user || deskPhone },
          target,
          events
        ),
      targetLeg: (events) =>
        this.#legTo(context, target, { displayName: deskPhone, user: deskPhone }, deskPhone, events),
      finished: () => this.#calls.delete(id)
    })
    this.#calls.set(id, call)
    call.start()
  }

  #callMeBack(context: SipContext, id: string, deskPhone: string, subscription: ReferSubscription): void {
    const call = new CallMeBack(deskPhone, subscription, this.#settings, () => this.#calls.delete(id))
    this.#calls.set(id, call)
    call.start((events) => this.#legTo(context, deskPhone, COLLEAGUE, CALLING_COLLEAGUE, events))
  }

  #legTo(context: SipContext, number: string, caller: Caller, remote: string, events: PhoneLegEvents): PhoneLeg {
    const binding = specialNumber(number) ? undefined : this.#registrar.lookup(number)
    return trackedLeg(this.#lines, number, remote, events, (tracked) => {
      if (binding) return new SipPhoneLeg(context, binding, caller, tracked)
      this.#settings.log(`${number} is a virtual phone (no phone registered under it)`)
      return new VirtualPhoneLeg(number, this.#settings.host, this.#settings.virtualPhones, tracked)
    })
  }
}

type Responder = (status: number, reason: string, extra?: Array<[string, string]>, toTag?: string) => void
