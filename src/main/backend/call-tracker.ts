import { isFinalCallState, type CallProgress } from '../../shared/call-progress'
import type { CallRecord } from '../../shared/call-record'
import type { HistoryStore } from '../history/history-store'
import type { DeskDialServiceApi } from '../service/deskdial-service-api'
import type { BackendLog } from './backend-log'
import { callNotice, type DesktopNotice } from './call-notices'

/** What the user asked to call, kept beside the service's view of the call. */
export interface CallContext {
  target: string
  dialString: string
  contactName?: string
  /** The web site of a browser click. */
  from?: string
  startedAt: number
}

export interface CallTrackerOptions {
  history: HistoryStore
  /** Each call's progress, once per change, for the renderer and the tray. */
  onProgress: (progress: CallProgress) => void
  notify: (notice: DesktopNotice) => void
  notificationsOn: () => boolean
  log: BackendLog
}

const MAX_SHOWN_CALLS = 20

/**
 * Follows the calls placed through the service: shows each with what the user asked to call (the
 * service only knows the dial string), keeps the last few for the window, tells the user what
 * matters while DeskDial is hidden, and saves every call in the history when it ends.
 */
export class CallTracker {
  readonly #options: CallTrackerOptions
  readonly #calls = new Map<string, CallProgress>()
  readonly #contexts = new Map<string, CallContext>()
  readonly #historyWrites = new Set<Promise<void>>()

  constructor(options: CallTrackerOptions) {
    this.#options = options
  }

  /** The calls shown in the window, oldest first. */
  get calls(): CallProgress[] {
    return [...this.#calls.values()]
  }

  /** Whether a call is still in progress (not yet connected or failed). */
  get hasCallInProgress(): boolean {
    return this.#contexts.size > 0
  }

  /** Asks `service` to place the call and follows it; throws the service's sentence when it cannot. */
  dial(service: DeskDialServiceApi, context: CallContext): CallProgress {
    const first = service.dial(context.dialString)
    this.#contexts.set(first.id, context)
    this.onProgress(first)
    return first
  }

  /** A step of a call, as the service reports it. */
  onProgress(reported: CallProgress): void {
    const context = this.#contexts.get(reported.id)
    const progress = context
      ? { ...reported, target: context.target, ...(context.from && { from: context.from }) }
      : reported
    const previous = this.#calls.get(progress.id)
    if (
      previous &&
      previous.state === progress.state &&
      previous.code === progress.code &&
      previous.reason === progress.reason
    )
      return
    this.#calls.delete(progress.id)
    this.#calls.set(progress.id, progress)
    for (const id of [...this.#calls.keys()].slice(0, Math.max(0, this.#calls.size - MAX_SHOWN_CALLS)))
      this.#calls.delete(id)
    // A call's end is announced once it is in the history, so a listener reloading the history sees it.
    if (context && isFinalCallState(progress.state) && this.#contexts.delete(progress.id)) {
      void this.#record(progress.id, context, progress).then(() => this.#announce(progress, context))
    } else {
      this.#announce(progress, context)
    }
  }

  dismiss(callId: string): void {
    this.#calls.delete(callId)
  }

  /** The service went away: calls still in progress are kept in the history as far as they got. */
  async abandonCallsInProgress(reason: string): Promise<void> {
    const abandoned = [...this.#contexts]
    this.#contexts.clear()
    for (const [id, context] of abandoned) {
      const last = this.#calls.get(id)
      await this.#record(id, context, { state: last?.state ?? 'requesting', code: last?.code, reason })
    }
  }

  /** Resolves once every history write so far has landed. */
  async flush(): Promise<void> {
    await Promise.all(this.#historyWrites)
  }

  #announce(progress: CallProgress, context: CallContext | undefined): void {
    this.#options.onProgress(progress)
    if (!this.#options.notificationsOn()) return
    const notice = callNotice(progress, context?.contactName)
    if (notice) this.#options.notify(notice)
  }

  #record(id: string, context: CallContext, end: Pick<CallProgress, 'state' | 'code' | 'reason'>): Promise<void> {
    const record: CallRecord = {
      id,
      target: context.target,
      dialString: context.dialString,
      startedAt: context.startedAt,
      state: end.state,
      reason: end.reason
    }
    if (end.code !== undefined) record.code = end.code
    if (context.contactName !== undefined) record.contactName = context.contactName
    const write = this.#options.history
      .record(record)
      .catch((error: Error) => this.#options.log('error', `Could not save call ${id} in the history: ${error.message}`))
    this.#historyWrites.add(write)
    return write.finally(() => this.#historyWrites.delete(write))
  }
}
