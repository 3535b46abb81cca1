/**
 * The demo phone system as a presence server for its phones (RFC 6665): SUBSCRIBE with
 * `Event: dialog` (RFC 4235) or `Event: presence` (PIDF), answered 200 with a bounded Expires, a
 * NOTIFY with the full state at once and on every change of the phone's calls, refreshes, and
 * `Expires: 0` or expiry ending it with `Subscription-State: terminated`.
 *
 * One subscription:
 * ```
 * (SUBSCRIBE, authenticated) --200 + NOTIFY full state--> active --change--> NOTIFY (version+1)
 *     active --refresh--> active (NOTIFY)     active --Expires: 0 / expiry--> terminated (NOTIFY)
 *     active --NOTIFY refused (>=300) or unanswered--> gone
 * ```
 * NOTIFYs go one at a time through the transaction layer (retransmitted over UDP); changes while
 * one is on its way are sent after it, in order, each as full state (a few are kept, then the latest). Tables are bounded per watcher
 * and in total.
 */
import type { Flow } from '../sip-network'
import { contactHeader, flowToContact, randomToken, type SipContext } from '../sip-context'
import {
  header,
  headerValues,
  parseNameAddress,
  parseUri,
  responseTo,
  splitList,
  type SipRequest
} from '../sip-message'
import { dialogInfo, pidf } from './documents'
import type { LineBook, LineDialog } from './line-book'

export const PRESENCE_EVENTS = ['dialog', 'presence'] as const
type PresenceEvent = (typeof PRESENCE_EVENTS)[number]
export const MAX_SUBSCRIPTIONS = 1_000
export const MAX_SUBSCRIPTIONS_PER_WATCHER = 200
export const MAX_SUBSCRIPTION_SECONDS = 3_600
const MIN_SUBSCRIPTION_SECONDS = 60
/** Changes queued per subscription while a NOTIFY is on its way. */
const MAX_WAITING_STATES = 8
const DEFAULT_SUBSCRIPTION_SECONDS = 3_600
const NUMBER = /^[A-Za-z0-9*#+._~-]{1,64}$/

export type Responder = (status: number, reason: string, extra?: Array<[string, string]>, toTag?: string) => void

/** Answers 401 unless the request's digest credentials are valid for the watcher (its From user); whether it may go on. */
export type Authenticate = (request: SipRequest, watcher: string, respond: Responder) => boolean

interface Subscription {
  callId: string
  watcher: string
  number: string
  event: PresenceEvent
  eventHeader: string
  /** Our From (the SUBSCRIBE's To with our tag) and To (its From). */
  from: string
  to: string
  target: string
  flow: Flow
  cseq: number
  version: number
  expiresAt: number
  timer?: ReturnType<typeof setTimeout>
  sending: boolean
  /** The states of changes that happened while a NOTIFY was on its way, oldest first. */
  waiting: LineDialog[][]
  terminated: boolean
}

export class PresenceServer {
  readonly #context: SipContext
  readonly #lines: LineBook
  readonly #authenticated: Authenticate
  readonly #subscriptions = new Map<string, Subscription>()
  readonly #stopListening: () => void

  constructor(context: SipContext, lines: LineBook, authenticated: Authenticate) {
    this.#context = context
    this.#lines = lines
    this.#authenticated = authenticated
    this.#stopListening = lines.onChange((number) => {
      for (const subscription of this.#subscriptions.values())
        if (subscription.number === number) this.#notify(subscription)
    })
  }

  /** A SUBSCRIBE outside any dialog: a new subscription. */
  subscribe(request: SipRequest, flow: Flow, respond: Responder): void {
    const event = this.#eventOf(request, respond)
    if (!event) return
    const number = parseUri(request.uri)?.user ?? ''
    if (!NUMBER.test(number)) return respond(404, 'Not Found (subscribe to a phone number)')
    const from = parseNameAddress(header(request, 'from'))
    const watcher = parseUri(from?.uri ?? '')?.user ?? ''
    if (!from?.tag || !watcher) return respond(400, 'Bad Request (a From with a user and a tag)')
    if (!this.#authenticated(request, watcher, respond)) return
    const seconds = this.#expires(request, respond)
    if (seconds === undefined) return
    const contacts = headerValues(request, 'contact').flatMap(splitList)
    const contact = contacts.length === 1 ? parseNameAddress(contacts[0]) : undefined
    if (!contact) return respond(400, 'Bad Request (exactly one Contact)')
    const callId = header(request, 'call-id') ?? ''
    if (this.#subscriptions.has(callId)) return respond(482, 'Loop Detected (this Call-ID has a subscription)')
    const mine = [...this.#subscriptions.values()].filter((entry) => entry.watcher === watcher).length
    if (this.#subscriptions.size >= MAX_SUBSCRIPTIONS || mine >= MAX_SUBSCRIPTIONS_PER_WATCHER)
      return respond(503, 'Service Unavailable (too many subscriptions)', [['Retry-After', '60']])

    const toTag = randomToken()
    const subscription: Subscription = {
      callId,
      watcher,
      number,
      event: event.name,
      eventHeader: event.header,
      from: `${header(request, 'to') ?? ''};tag=${toTag}`,
      to: header(request, 'from') ?? '',
      target: contact.uri,
      flow: flowToContact(contact.uri, flow),
      cseq: 1,
      version: 0,
      expiresAt: 0,
      sending: false,
      waiting: [],
      terminated: false
    }
    respond(
      200,
      'OK',
      [
        ['Expires', String(seconds)],
        ['Contact', contactHeader(this.#context, flow)]
      ],
      toTag
    )
    this.#context.log(`${watcher} watches ${number} (${event.name}) for ${seconds} s`)
    if (seconds === 0) {
      // A one-time fetch (RFC 6665 §4.4.3): the state, then the end.
      subscription.terminated = true
      this.#notify(subscription)
      return
    }
    this.#subscriptions.set(callId, subscription)
    this.#context.dialogs.set(callId, (inDialog) => this.#inDialog(subscription, inDialog))
    this.#extend(subscription, seconds)
    this.#notify(subscription)
  }

  /** A request in a subscription's dialog: SUBSCRIBE refreshes or (Expires: 0) ends it. */
  #inDialog(subscription: Subscription, request: SipRequest): void {
    const respond: Responder = (status, reason, extra) =>
      this.#context.transactions.respond(request, responseTo(request, status, reason, undefined, extra))
    if (request.method !== 'SUBSCRIBE') return respond(405, 'Method Not Allowed', [['Allow', 'SUBSCRIBE']])
    const event = this.#eventOf(request, respond)
    if (!event) return
    if (event.name !== subscription.event) return respond(489, 'Bad Event (not the event of this subscription)')
    const seconds = this.#expires(request, respond)
    if (seconds === undefined) return
    respond(200, 'OK', [['Expires', String(seconds)]])
    if (seconds === 0) {
      this.#end(subscription, 'unsubscribed')
      return
    }
    this.#extend(subscription, seconds)
    this.#notify(subscription)
  }

  /** The event package of a SUBSCRIBE, or undefined after answering 400 or 489. */
  #eventOf(request: SipRequest, respond: Responder): { name: PresenceEvent; header: string } | undefined {
    const value = header(request, 'event')?.trim()
    if (!value) {
      respond(400, 'Bad Request (a SUBSCRIBE needs an Event header)')
      return undefined
    }
    const name = value.split(';')[0].trim().toLowerCase()
    if (!(PRESENCE_EVENTS as readonly string[]).includes(name)) {
      respond(489, 'Bad Event', [['Allow-Events', PRESENCE_EVENTS.join(', ')]])
      return undefined
    }
    return { name: name as PresenceEvent, header: value.slice(0, 200) }
  }

  /** The granted expiry in seconds (0 ends), or undefined after answering 400 or 423. */
  #expires(request: SipRequest, respond: Responder): number | undefined {
    const text = header(request, 'expires')?.trim() ?? String(DEFAULT_SUBSCRIPTION_SECONDS)
    if (!/^\d{1,10}$/.test(text)) {
      respond(400, 'Bad Request (unreadable Expires)')
      return undefined
    }
    const requested = Number(text)
    if (requested === 0) return 0
    if (requested < MIN_SUBSCRIPTION_SECONDS) {
      respond(423, 'Interval Too Brief', [['Min-Expires', String(MIN_SUBSCRIPTION_SECONDS)]])
      return undefined
    }
    return Math.min(requested, MAX_SUBSCRIPTION_SECONDS)
  }

  #extend(subscription: Subscription, seconds: number): void {
    clearTimeout(subscription.timer)
    subscription.expiresAt = Date.now() + seconds * 1000
    subscription.timer = setTimeout(() => this.#end(subscription, 'timeout'), seconds * 1000)
  }

  #end(subscription: Subscription, why: string): void {
    this.#context.log(`${subscription.watcher} no longer watches ${subscription.number} (${why})`)
    subscription.terminated = true
    this.#forget(subscription)
    this.#notify(subscription)
  }

  #forget(subscription: Subscription): void {
    clearTimeout(subscription.timer)
    if (this.#subscriptions.get(subscription.callId) !== subscription) return
    this.#subscriptions.delete(subscription.callId)
    this.#context.dialogs.delete(subscription.callId)
  }

  /** Sends the full state now, or once the NOTIFY on its way is answered. */
  #notify(subscription: Subscription, state?: LineDialog[]): void {
    let dialogs = state ?? this.#lines.dialogsOf(subscription.number)
    if (subscription.sending) {
      // Every state is told in order (a short ring is not lost); a flood of changes is told as its latest.
      if (subscription.waiting.length >= MAX_WAITING_STATES) subscription.waiting.pop()
      subscription.waiting.push(dialogs)
      return
    }
    const final = subscription.terminated
    if (final && subscription.waiting.length > 0) dialogs = subscription.waiting.splice(0).pop() ?? dialogs
    subscription.sending = true
    const context = this.#context
    const entity = `sip:${subscription.number}@${context.domain}`
    const remaining = Math.max(0, Math.round((subscription.expiresAt - Date.now()) / 1000))
    const body =
      subscription.event === 'dialog' ? dialogInfo(entity, subscription.version++, dialogs) : pidf(entity, dialogs)
    const notify: SipRequest = {
      kind: 'request',
      method: 'NOTIFY',
      uri: subscription.target,
      headers: [
        ['Max-Forwards', '70'],
        ['From', subscription.from],
        ['To', subscription.to],
        ['Call-ID', subscription.callId],
        ['CSeq', `${subscription.cseq++} NOTIFY`],
        ['Contact', contactHeader(context, subscription.flow)],
        ['Event', subscription.eventHeader],
        ['Subscription-State', final ? 'terminated;reason=timeout' : `active;expires=${remaining}`],
        ['Content-Type', subscription.event === 'dialog' ? 'application/dialog-info+xml' : 'application/pidf+xml']
      ],
      body
    }
    context.transactions.request(notify, subscription.flow, {
      response: (response) => {
        if (response.status < 200) return
        subscription.sending = false
        if (response.status >= 300) {
          context.log(`a NOTIFY to ${subscription.watcher} was refused (${response.status}): the subscription ends`)
          this.#forget(subscription)
        } else {
          const next = subscription.waiting.shift()
          if (next) this.#notify(subscription, next)
        }
      },
      timeout: () => {
        subscription.sending = false
        context.log(`a NOTIFY to ${subscription.watcher} got no answer: the subscription ends`)
        this.#forget(subscription)
      }
    })
  }

  stop(): void {
    this.#stopListening()
    for (const subscription of this.#subscriptions.values()) clearTimeout(subscription.timer)
    this.#subscriptions.clear()
  }
}
