import { digitsOf } from '../../shared/digits-of'
import type { UsageSignal } from './directory-entry'

const HALF_LIFE_MS = 30 * 24 * 3_600_000
/** Above any score dialling alone can reach in practice: favourites rank first among equal matches. */
const FAVOURITE = 1_000

/**
 * The same number written "+1 201 555 0123" in the history and "(201) 555-0123" in a contact: the
 * last eight digits compare them (shorter numbers, such as extensions, compare whole).
 */
export function usageKey(digits: string): string {
  return digits.length > 8 ? digits.slice(-8) : digits
}

/** How much each number's calls and star lift it: every call counts, halved for each 30 days since. */
export class UsageScores {
  #scores = new Map<string, number>()
  #favourites = new Set<string>()

  reset(signals: readonly UsageSignal[], now: number): void {
    this.#scores = new Map()
    this.#favourites = new Set()
    for (const signal of signals) {
      const key = usageKey(digitsOf(signal.number))
      if (key === '') continue
      if (signal.favourite) this.#favourites.add(key)
      const recency = signal.at === undefined ? 0 : 0.5 ** (Math.max(0, now - signal.at) / HALF_LIFE_MS)
      this.#scores.set(key, (this.#scores.get(key) ?? 0) + recency)
    }
  }

  /** The best of the numbers' scores; 0 for numbers never dialled nor starred. */
  scoreOf(numbers: readonly string[]): number {
    let best = 0
    for (const digits of numbers) {
      const key = usageKey(digits)
      const score = (this.#scores.get(key) ?? 0) + (this.#favourites.has(key) ? FAVOURITE : 0)
      if (score > best) best = score
    }
    return best
  }

  isFavourite(numbers: readonly string[]): boolean {
    return numbers.some((digits) => this.#favourites.has(usageKey(digits)))
  }
}
