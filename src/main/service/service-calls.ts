import { isFinalCallState, type CallProgress } from '../../shared/call-progress'
import type { SipTransportProtocol } from '../../shared/sip-transport'
import { ClickToDial, type ClickToDialTiming } from '../sip/click-to-dial'
import type { SipEndpoint, SipLog } from '../sip/sip-endpoint'
import type { Unsubscribe } from './deskdial-service-api'

const RECENT_CALLS = 50

export interface ServiceCallsOptions {
  log: SipLog
  timing?: Partial<ClickToDialTiming>
  /** Each step of a call, after the listeners heard it, with what was known of the call before. */
  afterProgress: (progress: CallProgress, previous: CallProgress | undefined) => void
}

/**
 * The click-to-dial calls placed through the service: the latest progress of the recent ones, who
 * listens to it, and the wait for the phone system's repeated NOTIFYs when the service stops.
 */
export class ServiceCalls {
  readonly #options: ServiceCallsOptions
  readonly #listeners = new Set<(progress: CallProgress) => void>()
  readonly #dialer: ClickToDial
  #calls: CallProgress[] = []

  constructor(options: ServiceCallsOptions) {
    this.#options = options
    this.#dialer = new ClickToDial((progress) => this.#onProgress(progress), options.timing)
  }

  get calls(): readonly CallProgress[] {
    return this.#calls
  }

  /** True while a call still awaits its result: its NOTIFYs come to the endpoint that sent its REFER. */
  get hasCallsInProgress(): boolean {
    return this.#dialer.hasCallsInProgress
  }

  /** Sends the REFER through `endpoint`; the first progress is the caller's answer, listeners hear the next steps. */
  dial(endpoint: SipEndpoint, line: string, dialString: string): CallProgress {
    const progress = this.#dialer.dial(endpoint, line, dialString)
    this.#keep(progress)
    return progress
  }

  onCallProgress(listener: (progress: CallProgress) => void): Unsubscribe {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  connectionLost(): void {
    this.#dialer.connectionLost()
  }

  dispose(): void {
    this.#dialer.dispose()
  }

  /**
   * Over UDP the phone system repeats a NOTIFY until DeskDial's 200 reaches it (after 0.5, 1, 2 s):
   * this waits until `lingerMs` after the last NOTIFY answered, while the endpoint stays open and
   * sip.js's NOTIFY transactions answer the repeats again with their 200. Over TCP and TLS nothing
   * is repeated, and after a call that got no NOTIFY nothing can be: then nothing waits.
   */
  async lingerAfterNotifies(lingerMs: number, transport: SipTransportProtocol): Promise<void> {
    const answeredAt = this.#dialer.lastNotifyAnsweredAt
    const waitMs = transport !== 'udp' || answeredAt === undefined ? 0 : answeredAt + lingerMs - Date.now()
    if (waitMs <= 0) return
    this.#options.log('info', `Answering repeated NOTIFYs for ${Math.ceil(waitMs / 1000)} s more before closing.`)
    await new Promise((resolve) => setTimeout(resolve, waitMs))
  }

  /** Keeps `progress` as its call's latest; returns what was known of the call before. */
  #keep(progress: CallProgress): CallProgress | undefined {
    const previous = this.#calls.find((call) => call.id === progress.id)
    const others = this.#calls.filter((call) => call.id !== progress.id)
    this.#calls = [...others, progress].slice(-RECENT_CALLS)
    return previous
  }

  #onProgress(progress: CallProgress): void {
    const previous = this.#keep(progress)
    if (isFinalCallState(progress.state)) {
      this.#options.log(
        progress.state === 'failed' ? 'warn' : 'info',
        `Call ${progress.id} to ${progress.target}: ${progress.state} (SIP ${progress.code ?? '-'})`
      )
    }
    for (const listener of this.#listeners) listener(progress)
    this.#options.afterProgress(progress, previous)
  }
}
