import { settleWithin } from '../../shared/settle-within'
import { canMoveRegistration, type RegistrationState, type RegistrationStatus } from '../../shared/registration-status'
import { ALLOW_HEADER } from './allowed-methods'
import { backoffDelayMs, DEFAULT_BACKOFF, parseRetryAfterSeconds, type BackoffPolicy } from './backoff'
import { registrationFailedReason } from './call-messages'
import type { OutgoingSipRequest, SipEndpoint, SipResponse } from './sip-endpoint'

/** Codes after which retrying cannot help: the user must fix the account first. */
const PERMANENT_FAILURES = new Set([401, 403, 404, 407])

/** Refresh this long before the registration would expire, but never sooner than half its life. */
const REFRESH_MARGIN_SECONDS = 30
const MIN_EXPIRES_SECONDS = 10

export interface RegistrationOptions {
  /** The endpoint to register through; may change between attempts (failover, reconnect). */
  endpoint: () => SipEndpoint
  expires: number
  onStatus: (status: RegistrationStatus) => void
  /**
   * Called before every attempt after the first: reconnects or moves to another server.
   * `failedCode` is the SIP code (or 408/503 for no answer / transport failure) of the last failure.
   */
  prepareRetry?: (failedCode: number | undefined) => Promise<void>
  backoff?: BackoffPolicy
  unregisterTimeoutMs?: number
  random?: () => number
  now?: () => number
}

/**
 * DeskDial's own REGISTER state machine (the diagram is in `shared/registration-status.ts`), written on the sip.js core rather than its Registerer,
 * which has no retry, mis-reads a missing `expires` (a REGISTER storm) and ignores 423.
 */
export class Registration {
  readonly #options: RegistrationOptions
  #expires: number
  #callId: string | undefined
  #fromTag: string | undefined
  #nextCseq = 1
  #timer: ReturnType<typeof setTimeout> | undefined
  #failures = 0
  #stopped = false
  #status: RegistrationStatus

  constructor(options: RegistrationOptions) {
    this.#options = options
    this.#expires = Math.max(MIN_EXPIRES_SECONDS, Math.round(options.expires))
    this.#status = { state: 'unregistered', reason: 'Not registered yet', at: this.#now() }
  }

  get status(): RegistrationStatus {
    return this.#status
  }

  start(): void {
    this.#stopped = false
    this.#attempt()
  }

  /** The transport dropped: registration is gone until we reconnect (a final failure stays final). */
  connectionLost(): void {
    if (this.#stopped || this.#status.state === 'failed') return
    this.#clearTimer()
    this.#scheduleRetry(503, undefined, 'The connection to the phone system was lost.')
  }

  /** Removes the binding, waiting at most `unregisterTimeoutMs` for the server. */
  async stop(): Promise<void> {
    const wasRegistered = this.#status.state === 'registered'
    this.#stopped = true
    this.#clearTimer()
    if (wasRegistered) {
      const unregistered = new Promise<void>((resolve) => {
        try {
          this.#send(0, () => resolve())
        } catch {
          resolve()
        }
      })
      await settleWithin(unregistered, this.#options.unregisterTimeoutMs ?? 3_000)
    }
    this.#emit('unregistered', { reason: 'Not registered' })
  }

  #now(): number {
    return (this.#options.now ?? Date.now)()
  }

  /** Moves along the diagram in `registration-status.ts`; a move it does not draw is a bug, and throws. */
  #emit(state: RegistrationState, details: Partial<RegistrationStatus> & { reason: string }): void {
    if (!canMoveRegistration(this.#status.state, state)) {
      throw new Error(`Registration cannot move from ${this.#status.state} to ${state}.`)
    }
    let server: string | undefined
    try {
      server = this.#options.endpoint().serverLabel
    } catch {
      server = undefined
    }
    this.#status = { state, server, ...details, at: this.#now() }
    this.#options.onStatus(this.#status)
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #attempt(minExpiresRetry = false): void {
    if (this.#stopped) return
    this.#emit('registering', { reason: 'Registering with the phone system...' })
    try {
      this.#send(this.#expires, (response) => this.#onFinal(response, minExpiresRetry))
    } catch (error) {
      this.#scheduleRetry(503, undefined, (error as Error).message)
    }
  }

  #send(expires: number, onFinal: (response: SipResponse) => void): OutgoingSipRequest {
    const endpoint = this.#options.endpoint()
    const request = endpoint.send(
      'REGISTER',
      endpoint.registrar,
      endpoint.aor,
      [`Contact: ${endpoint.contact};expires=${expires}`, `Expires: ${expires}`, ALLOW_HEADER],
      {
        onFinal: (response) => {
          this.#nextCseq = request.cseq + 1
          onFinal(response)
        }
      },
      { callId: this.#callId, fromTag: this.#fromTag, cseq: this.#nextCseq }
    )
    // One Call-ID and From-tag for the life of this registration (RFC 3261 §10.2.4).
    this.#callId = request.callId
    this.#fromTag = request.fromTag
    this.#nextCseq = request.cseq + 1
    return request
  }

  #onFinal(response: SipResponse, minExpiresRetry: boolean): void {
    if (this.#stopped) return
    const { code } = response
    if (code >= 200 && code < 300) {
      this.#failures = 0
      const granted = this.#grantedExpires(response)
      this.#emit('registered', { reason: 'Registered', expiresSeconds: granted })
      const refreshIn = Math.max(granted / 2, granted - REFRESH_MARGIN_SECONDS)
      this.#timer = setTimeout(() => this.#attempt(), refreshIn * 1_000)
      return
    }
    if (code === 423 && !minExpiresRetry) {
      const minExpires = Number(response.header('Min-Expires'))
      if (Number.isFinite(minExpires) && minExpires > this.#expires && minExpires <= 86_400) {
        this.#expires = minExpires
        this.#attempt(true)
        return
      }
    }
    if (PERMANENT_FAILURES.has(code)) {
      this.#emit('failed', { code, reason: registrationFailedReason(code) })
      return
    }
    const reason = response.outcome === 'unreachable' ? registrationFailedReason(408) : registrationFailedReason(code)
    this.#scheduleRetry(code, parseRetryAfterSeconds(response.header('Retry-After')), reason)
  }

  /** The expiry the server granted: our Contact's `expires`, else Expires, else what we asked. */
  #grantedExpires(response: SipResponse): number {
    const contactUser = this.#options.endpoint().contact
    const hostPort = /@([^;>]+)/.exec(contactUser)?.[1]
    for (const contact of response.headers('Contact').flatMap((value) => value.split(/,(?=\s*(?:"[^"]*"\s*)?<)/))) {
      if (hostPort && !contact.includes(hostPort)) continue
      const match = /;\s*expires\s*=\s*(\d+)/i.exec(contact)
      if (match) return this.#sane(Number(match[1]))
    }
    return this.#sane(Number(response.header('Expires')))
  }

  #sane(seconds: number): number {
    return Number.isFinite(seconds) && seconds >= MIN_EXPIRES_SECONDS ? Math.min(seconds, 86_400) : this.#expires
  }

  #scheduleRetry(code: number, retryAfterSeconds: number | undefined, reason: string): void {
    this.#failures += 1
    const delayMs =
      retryAfterSeconds !== undefined
        ? retryAfterSeconds * 1_000
        : backoffDelayMs(this.#failures, this.#options.backoff ?? DEFAULT_BACKOFF, this.#options.random)
    const retryInSeconds = Math.ceil(delayMs / 1_000)
    // The reason stays the cause alone: `retryInSeconds` carries the countdown for the UI to show.
    this.#emit('retrying', { code, reason, retryInSeconds })
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      const prepare = this.#options.prepareRetry?.(code) ?? Promise.resolve()
      prepare.then(
        () => this.#attempt(),
        (error: Error) => this.#scheduleRetry(503, undefined, error.message)
      )
    }, delayMs)
  }
}
