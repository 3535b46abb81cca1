/**
 * Who is registered: one binding per number (the latest REGISTER wins), with the flow to reach it.
 * Bounded: at most MAX_BINDINGS numbers; expired bindings are forgotten.
 */
import type { Flow } from './sip-network'

export const MAX_BINDINGS = 1_000
/** The longest registration granted; longer requests are shortened to this (RFC 3261 §10.3 step 7). */
export const MAX_EXPIRES_SECONDS = 3_600
export const DEFAULT_EXPIRES_SECONDS = 3_600

export interface Binding {
  user: string
  /** The Contact URI the phone registered. */
  contact: string
  /** Where requests for this phone go: its UDP source address, or its TCP connection. */
  flow: Flow
  expiresAt: number
}

export class Registrar {
  readonly #bindings = new Map<string, Binding>()

  /** Stores a binding; returns false when the table is full of other numbers. */
  bind(binding: Binding): boolean {
    this.#forgetExpired()
    if (!this.#bindings.has(binding.user) && this.#bindings.size >= MAX_BINDINGS) return false
    this.#bindings.delete(binding.user)
    this.#bindings.set(binding.user, binding)
    return true
  }

  unbind(user: string): void {
    this.#bindings.delete(user)
  }

  lookup(user: string): Binding | undefined {
    const binding = this.#bindings.get(user)
    if (binding && binding.expiresAt <= Date.now()) {
      this.#bindings.delete(user)
      return undefined
    }
    return binding
  }

  /** The registered numbers, for the log and for the app's status. */
  get registered(): string[] {
    this.#forgetExpired()
    return [...this.#bindings.keys()]
  }

  #forgetExpired(): void {
    const now = Date.now()
    for (const [user, binding] of this.#bindings) {
      if (binding.expiresAt <= now) this.#bindings.delete(user)
    }
  }
}
