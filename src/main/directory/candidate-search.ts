/**
 * How a search finds its candidates in the index's lists without looking at every entry: the
 * shortest lists that can hold the query's matches, in name order, stopping once `limit` matched
 * that the rest of a list cannot beat (see DirectoryIndex).
 */
import { numberStartKey, PREFIX_LETTERS, trigramAt } from './entry-terms'
import { RANK, TYPO_IN_NAME, TYPO_MIN_LETTERS, WORD_FROM_FIRST } from './match-rank'
import { inBoth, InEveryWord, type NameOrderLists } from './name-order-lists'
import { startsWithOneEdit } from './one-edit'
import type { SearchQuery } from './search-query'
import type { SortedKeys } from './sorted-keys'

export interface Candidate {
  slot: number
  rank: number
  boost: number
}

/** Looks at one entry; returns its rank, or 0 when it does not match or was looked at already. */
export type Consider = (slot: number) => number

/** The index's lists, as one search reads them. */
export interface SearchLists {
  /** The folded names, sorted. */
  byName: SortedKeys
  /** The entries under each start of a name word, of the initials, each word of the other fields, each run of three digits and each number start. */
  namePrefixes: NameOrderLists
  initials: NameOrderLists
  otherWords: NameOrderLists
  trigrams: NameOrderLists<number>
  numberStarts: NameOrderLists<number>
  /** Every word known in names and in the other fields, for the word starts and the typos. */
  nameVocabulary: SortedKeys
  otherVocabulary: SortedKeys
  /** Each slot's place in name order. */
  placeOf: (slot: number) => number
  /** Whether this search looked at the slot already. */
  seenNow: (slot: number) => boolean
}

export class CandidateFinder {
  readonly #lists: SearchLists

  constructor(lists: SearchLists) {
    this.#lists = lists
  }

  /** Whether this search looked at the slot already (cheaper to ask than whether the slot is in the lists). */
  #seenNow(slot: number): boolean {
    return this.#lists.seenNow(slot)
  }

  findNames(query: SearchQuery, limit: number, consider: Consider, found: Candidate[]): void {
    const take = (slots: readonly number[] | undefined, best: number): void =>
      takeInNameOrder(slots, best, limit, consider)
    // Names starting with the query, in name order: once `limit` are found, later ones cannot rank higher.
    const [start, end] = this.#lists.byName.prefixRange(query.joined)
    for (let index = start, taken = 0; index < end && taken < limit; index += 1)
      if (consider(this.#lists.byName.slotAt(index)) > 0) taken += 1
    if (countAtLeast(found, RANK.prefix) >= limit) return
    if (query.initials !== undefined)
      take(this.#lists.initials.get(query.initials.slice(0, PREFIX_LETTERS)), RANK.initials)
    if (countAtLeast(found, RANK.initials) >= limit) return
    // Every word of the query starts a word of a match: in the name, in any field, or with a slip.
    const inName = query.tokens.map((token, i) =>
      [...new Set([token, query.unspelled[i]])].map(
        (form) => this.#lists.namePrefixes.get(form.slice(0, PREFIX_LETTERS)) ?? []
      )
    )
    if (query.tokens.length > 1) {
      // The names whose first word the query's first word starts are a run of the sorted names.
      const [from, to] = this.#lists.byName.prefixRange(query.tokens[0])
      const others = new InEveryWord(inName.slice(1), this.#lists.placeOf)
      for (let index = from, taken = 0; index < to && taken < limit; index += 1) {
        const slot = this.#lists.byName.slotAt(index)
        if (!this.#seenNow(slot) && others.has(slot) && consider(slot) >= WORD_FROM_FIRST) taken += 1
      }
      if (countAtLeast(found, WORD_FROM_FIRST) >= limit) return
    }
    this.#takeInAll(inName, query, RANK.word, limit, consider)
    if (countAtLeast(found, RANK.word) >= limit) return
    const inAnyField = query.tokens.map((token, i) => [...inName[i], ...this.#otherListsStarting(token)])
    this.#takeInAll(inAnyField, query, RANK['other-field'], limit, consider)
    if (countAtLeast(found, RANK['other-field']) >= limit) return
    if (!query.tokens.some((token) => token.length >= TYPO_MIN_LETTERS)) return
    const nearly = query.tokens.map((token, i) =>
      token.length >= TYPO_MIN_LETTERS ? [...inAnyField[i], ...this.#listsNearlyStarting(token)] : inAnyField[i]
    )
    this.#takeInAll(nearly, query, TYPO_IN_NAME, limit, consider)
  }

  /**
   * Looks, in name order, at the entries of the word of the query with the fewest entries that are
   * in a list of every other word too (`perToken` holds each word's lists). Words of digits may be
   * part of a number instead, so they are left out unless every word is one.
   */
  #takeInAll(
    perToken: Array<Array<readonly number[]>>,
    query: SearchQuery,
    best: number,
    limit: number,
    consider: Consider
  ): void {
    const required = perToken
      .filter((_, index) => !query.numeric[index] || query.numeric.every(Boolean))
      .map((lists) => ({ lists, size: lists.reduce((sum, list) => sum + list.length, 0) }))
      .sort((a, b) => a.size - b.size)
      .map(({ lists }) => lists)
    if (required.length === 0) return
    const [rarest, ...others] = required
    for (const slots of rarest) {
      const inOthers = new InEveryWord(others, this.#lists.placeOf)
      for (let index = 0, taken = 0; index < slots.length && taken < limit; index += 1) {
        const slot = slots[index]
        if (!this.#seenNow(slot) && inOthers.has(slot) && consider(slot) >= best) taken += 1
      }
    }
  }

  /** The lists of the company, department and title words that start with `token`. */
  #otherListsStarting(token: string): Array<readonly number[]> {
    const lists: Array<readonly number[]> = []
    const [first, last] = this.#lists.otherVocabulary.prefixRange(token)
    for (let index = first; index < last; index += 1) {
      const slots = this.#lists.otherWords.get(this.#lists.otherVocabulary.keyAt(index))
      if (slots) lists.push(slots)
    }
    return lists
  }

  /** The lists of the words that start with `token` typed with one slip after its first letter. */
  #listsNearlyStarting(token: string): Array<readonly number[]> {
    const lists = new Set<readonly number[]>()
    for (const [vocabulary, listOf] of [
      [this.#lists.nameVocabulary, (word: string) => this.#lists.namePrefixes.get(word.slice(0, PREFIX_LETTERS))],
      [this.#lists.otherVocabulary, (word: string) => this.#lists.otherWords.get(word)]
    ] as const) {
      const [from, to] = vocabulary.prefixRange(token[0])
      for (let index = from; index < to; index += 1) {
        const word = vocabulary.keyAt(index)
        const slots = startsWithOneEdit(token, word) ? listOf(word) : undefined
        if (slots) lists.add(slots)
      }
    }
    return [...lists]
  }

  findNumbers(query: SearchQuery, limit: number, consider: Consider, found: Candidate[]): void {
    const digits = query.digits!
    for (const start of query.digitsWithoutPrefix ? [digits, query.digitsWithoutPrefix] : [digits]) {
      const starting = this.#lists.numberStarts.get(numberStartKey(start, Math.min(3, start.length))) ?? []
      const slots = start.length > 3 ? inBoth(starting, this.containing(start), this.#lists.placeOf) : starting
      takeInNameOrder(slots, RANK['number-start'], limit, consider)
    }
    if (digits.length < 3 || countAtLeast(found, RANK['number-start']) >= limit) return
    takeInNameOrder(this.containing(query.digitsWithoutPrefix ?? digits), RANK.number, limit, consider)
  }

  /** Entries with a number that may contain `digits` (three or more): those with its two rarest runs of three digits. */
  containing(digits: string): readonly number[] {
    const lists: Array<readonly number[]> = []
    for (let i = 0; i + 3 <= digits.length; i += 1) lists.push(this.#lists.trigrams.get(trigramAt(digits, i)) ?? [])
    lists.sort((a, b) => a.length - b.length)
    return lists.length > 1 ? inBoth(lists[0], lists[1], this.#lists.placeOf) : lists[0]
  }
}

function countAtLeast(found: readonly Candidate[], rank: number): number {
  let count = 0
  for (const candidate of found) if (candidate.rank >= rank) count += 1
  return count
}

/**
 * Looks at a list in name order until `limit` of its entries matched with `best`, the best rank an
 * entry of this list can have that was not looked at before: the later ones cannot rank higher.
 */
function takeInNameOrder(slots: readonly number[] | undefined, best: number, limit: number, consider: Consider): void {
  if (!slots) return
  for (let index = 0, taken = 0; index < slots.length && taken < limit; index += 1)
    if (consider(slots[index]) >= best) taken += 1
}
