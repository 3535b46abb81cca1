/**
 * A leg to a real, registered phone: INVITE, CANCEL, ACK and BYE on the wire (RFC 3261 §13-15).
 * See PhoneLeg for the state machine.
 */
import type { Binding } from './registrar'
import type { Flow } from './sip-network'
import { contactHeader, randomToken, type SipContext } from './sip-context'
import { header, parseNameAddress, responseTo, summarize, type SipRequest, type SipResponse } from './sip-message'
import type { PhoneLeg, PhoneLegEvents } from './phone-leg'

type LegState = 'idle' | 'inviting' | 'ringing' | 'answered' | 'confirmed' | 'ended'

/** Who the phone sees calling. */
export interface Caller {
  displayName: string
  user: string
}

export class SipPhoneLeg implements PhoneLeg {
  readonly kind = 'phone'
  readonly number: string
  readonly #context: SipContext
  readonly #binding: Binding
  readonly #caller: Caller
  readonly #events: PhoneLegEvents
  readonly #callId = `${randomToken(12)}@demo-pbx`
  readonly #localTag = randomToken()
  #state: LegState = 'idle'
  #invite: SipRequest | undefined
  #remoteTo = ''
  #remoteTarget = ''
  #ack: SipRequest | undefined
  #cancelWhenRinging = false
  #nextCSeq = 2

  constructor(context: SipContext, binding: Binding, caller: Caller, events: PhoneLegEvents) {
    this.#context = context
    this.#binding = binding
    this.number = binding.user
    this.#caller = caller
    this.#events = events
  }

  get #flow(): Flow {
    return this.#binding.flow
  }

  #from(): string {
    return `"${this.#caller.displayName.replace(/["\\]/g, '')}" <sip:${this.#caller.user}@${this.#context.domain}>;tag=${this.#localTag}`
  }

  #transition(to: LegState): void {
    this.#state = to
    if (to === 'ended') this.#context.dialogs.delete(this.#callId)
  }

  invite(offer: string | undefined): void {
    if (this.#state !== 'idle') throw new Error(`A leg can be invited once (state ${this.#state}).`)
    const headers: Array<[string, string]> = [
      ['Max-Forwards', '70'],
      ['From', this.#from()],
      ['To', `<sip:${this.number}@${this.#context.domain}>`],
      ['Call-ID', this.#callId],
      ['CSeq', '1 INVITE'],
      ['Contact', contactHeader(this.#context, this.#flow)],
      ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS'],
      ['User-Agent', 'DeskDial demo phone system']
    ]
    if (offer) headers.push(['Content-Type', 'application/sdp'])
    this.#invite = { kind: 'request', method: 'INVITE', uri: this.#binding.contact, headers, body: offer ?? '' }
    this.#context.dialogs.set(this.#callId, (request, flow) => this.#inDialog(request, flow))
    this.#transition('inviting')
    this.#context.transactions.request(this.#invite, this.#flow, {
      response: (response) => this.#onInviteResponse(response),
      timeout: () => this.#fail(408, 'Request Timeout')
    })
  }

  #onInviteResponse(response: SipResponse): void {
    if (response.status < 200) {
      if (this.#state !== 'inviting') return
      this.#transition('ringing')
      if (this.#cancelWhenRinging) this.#sendCancel()
      else if (response.status === 180 || response.status === 183) this.#events.ringing()
      return
    }
    if (response.status >= 300) {
      this.#fail(response.status, response.reason)
      return
    }
    if (this.#ack) {
      // The phone did not get our ACK and repeats its 200 OK.
      this.#context.transactions.sendAck(this.#ack, this.#flow)
      return
    }
    const cancelled = this.#cancelWhenRinging
    if (this.#state === 'answered' || (this.#state === 'ended' && !cancelled)) return
    this.#remoteTo = header(response, 'to') ?? ''
    this.#remoteTarget = parseNameAddress(header(response, 'contact'))?.uri ?? this.#binding.contact
    this.#transition('answered')
    if (cancelled) {
      // A 200 OK crossed our CANCEL: complete the call and end it at once.
      this.confirm(undefined)
      this.cancel()
      return
    }
    this.#events.answered(response.body)
  }

  #fail(status: number, reason: string): void {
    if (this.#state === 'ended' || this.#state === 'answered' || this.#state === 'confirmed') return
    const cancelled = this.#cancelWhenRinging
    this.#transition('ended')
    if (!cancelled) this.#events.failed(status, reason)
  }

  #dialogRequest(method: string, body = '', contentType?: string): SipRequest {
    const headers: Array<[string, string]> = [
      ['Max-Forwards', '70'],
      ['From', this.#from()],
      ['To', this.#remoteTo],
      ['Call-ID', this.#callId],
      ['CSeq', method === 'ACK' ? '1 ACK' : `${this.#nextCSeq++} ${method}`]
    ]
    if (contentType) headers.push(['Content-Type', contentType])
    return { kind: 'request', method, uri: this.#remoteTarget, headers, body }
  }

  confirm(answer: string | undefined): void {
    if (this.#state !== 'answered') return
    this.#ack = this.#dialogRequest('ACK', answer ?? '', answer ? 'application/sdp' : undefined)
    this.#transition('confirmed')
    this.#context.transactions.sendAck(this.#ack, this.#flow)
  }

  #sendCancel(): void {
    const invite = this.#invite
    if (!invite) return
    const keep = ['via', 'from', 'to', 'call-id', 'max-forwards']
    const headers: Array<[string, string]> = invite.headers.filter(([name]) => keep.includes(name.toLowerCase()))
    headers.push(['CSeq', '1 CANCEL'])
    this.#context.transactions.request(
      { kind: 'request', method: 'CANCEL', uri: invite.uri, headers, body: '' },
      this.#flow,
      {
        response: () => undefined,
        timeout: () => this.#context.log(`CANCEL to ${this.number} got no answer`)
      }
    )
  }

  cancel(): void {
    switch (this.#state) {
      case 'inviting':
        // RFC 3261 §9.1: a CANCEL waits for the first provisional response.
        this.#cancelWhenRinging = true
        return
      case 'ringing':
        this.#cancelWhenRinging = true
        this.#transition('ended')
        this.#sendCancel()
        return
      case 'answered':
        this.confirm(undefined)
        this.#bye()
        return
      case 'confirmed':
        this.#bye()
        return
      default:
        this.#transition('ended')
    }
  }

  #bye(): void {
    this.#transition('ended')
    this.#context.transactions.request(this.#dialogRequest('BYE'), this.#flow, {
      response: () => undefined,
      timeout: () => this.#context.log(`BYE to ${this.number} got no answer`)
    })
  }

  /** Requests the phone sends inside this leg's dialog. */
  #inDialog(request: SipRequest, _flow: Flow): void {
    const respond = (status: number, reason: string): void =>
      this.#context.transactions.respond(request, responseTo(request, status, reason))
    if (request.method === 'BYE') {
      respond(200, 'OK')
      const wasUp = this.#state === 'answered' || this.#state === 'confirmed'
      this.#transition('ended')
      if (wasUp) this.#events.hungUp()
      return
    }
    if (request.method === 'INVITE') {
      // The two phones' sessions are tied together; changing one alone would break the audio path.
      respond(488, 'Not Acceptable Here')
      return
    }
    this.#context.log(`${this.number}: ${summarize(request)} inside the call is not supported`)
    respond(501, 'Not Implemented')
  }
}
