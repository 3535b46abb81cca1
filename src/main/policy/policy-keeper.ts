/**
 * Keeps the app's policy current: reads it at start, then again every `provisioningRefreshHours`
 * (the policy file and the provisioning URL), and tells its listeners when anything changed.
 *
 *   stopped --start()--> running --stop()--> stopped
 *
 * While running, one refresh at a time; the timer is unref'd, so it never keeps Node alive.
 */
import { isDeepStrictEqual } from 'node:util'
import { loadPolicy, NO_POLICY_STATE, type PolicySetup, type PolicyState } from './policy-loading'

export type PolicyListener = (state: PolicyState) => void

export class PolicyKeeper {
  readonly #setup: PolicySetup
  readonly #listeners = new Set<PolicyListener>()
  #state: PolicyState = NO_POLICY_STATE
  #timer: NodeJS.Timeout | undefined
  #running = false
  #refreshing: Promise<void> | undefined

  constructor(setup: PolicySetup) {
    this.#setup = setup
  }

  get state(): PolicyState {
    return this.#state
  }

  /** Calls `listener` with each new state; returns the function that stops it. */
  onChange(listener: PolicyListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Reads the policy (fetching the provisioning URL) and keeps refreshing it until stop(). */
  async start(): Promise<PolicyState> {
    if (this.#running) return this.#state
    this.#running = true
    await this.refresh()
    return this.#state
  }

  stop(): void {
    this.#running = false
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  /** Reads the policy now; a refresh already under way is waited for instead of doubled. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#load().finally(() => {
      this.#refreshing = undefined
    })
    return this.#refreshing
  }

  async #load(): Promise<void> {
    const state = await loadPolicy(this.#setup, 'always')
    if (!this.#running) return
    const changed = !isDeepStrictEqual(state, this.#state)
    this.#state = state
    this.#schedule(state.refreshHours)
    if (changed) for (const listener of this.#listeners) listener(state)
  }

  #schedule(hours: number): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.refresh(), hours * 3_600_000)
    this.#timer.unref()
  }
}
