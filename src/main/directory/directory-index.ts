import { digitsOf } from '../../shared/digits-of'
import type { DirectoryEntry, DirectoryHit, DirectorySource, MatchKind, UsageSignal } from './directory-entry'
import { foldedWords } from './fold-text'
import { highlightsFor } from './match-highlights'
import { startsWithOneEdit } from './one-edit'
import { parseSearchQuery, type SearchQuery } from './search-query'
import { SortedKeys } from './sorted-keys'
import { usageKey, UsageScores } from './usage-scores'

/** Match kinds from best to worst: the first key of the ranking. */
const RANK: Record<MatchKind, number> = {
  exact: 8,
  prefix: 7,
  initials: 6,
  word: 5,
  'other-field': 4,
  'number-start': 3,
  number: 2,
  typo: 1
}
/** A word of the query may be typed with one slip when it has at least this many letters. */
export const TYPO_MIN_LETTERS = 5

interface Indexed {
  entry: DirectoryEntry
  nameKey: string
  nameWords: string[]
  otherWords: string[]
  initials: string
  digits: string[]
}

interface Candidate {
  slot: number
  rank: number
  boost: number
}

/**
 * Every entry of every source in memory, found as a person types: prefix runs of sorted names,
 * initials and words, and number trigrams, so a keystroke looks at the few entries that can match
 * rather than at all of them. `upsert` and `remove` change one entry in place.
 *
 * Ranking: the match kind (exact name, name prefix, initials, word starts in the name, in the
 * company or department, number start, digits anywhere, one typo), then favourites and often and
 * lately dialled numbers, then DeskDial's own contacts before the directory, then the name.
 */
export class DirectoryIndex {
  readonly #records: Array<Indexed | undefined> = []
  readonly #slotsById = new Map<string, number>()
  readonly #freeSlots: number[] = []
  #byName = new SortedKeys()
  #byInitials = new SortedKeys()
  #words = new SortedKeys()
  /** For each word, the slots with it in the name / in the company, department or title, in name order. */
  readonly #nameWordSlots = new Map<string, number[]>()
  readonly #otherWordSlots = new Map<string, number[]>()
  /** Each slot's place in name order (fractions for entries added since the index was built). */
  #order: number[] = []
  readonly #trigrams = new Map<string, number[]>()
  /** For the first one, two and three digits of each number, the slots with such a number, in name order. */
  readonly #numberStarts = new Map<string, number[]>()
  readonly #usage = new UsageScores()
  /** Slots with a favourite or a dialled number: looked at on every search, so they can rank first. */
  readonly #boosted = new Map<number, number>()
  #seen = new Uint32Array(1024)
  #generation = 0

  constructor(entries: Iterable<DirectoryEntry> = []) {
    const unique = new Map<string, DirectoryEntry>()
    for (const entry of entries) unique.set(entry.id, entry)
    // Slots in name order, so that every posting list is in name order too.
    const records = [...unique.values()]
      .map(indexEntry)
      .sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0))
    const names: Array<{ key: string; slot: number }> = []
    const initials: Array<{ key: string; slot: number }> = []
    for (const [slot, record] of records.entries()) {
      this.#records.push(record)
      this.#order.push(slot)
      this.#slotsById.set(record.entry.id, slot)
      names.push({ key: record.nameKey, slot })
      initials.push({ key: record.initials, slot })
      this.#addTerms(record, slot)
    }
    this.#byName = SortedKeys.from(names)
    this.#byInitials = SortedKeys.from(initials)
    this.#words = SortedKeys.from(
      [...new Set([...this.#nameWordSlots.keys(), ...this.#otherWordSlots.keys()])].map((key) => ({ key, slot: 0 }))
    )
  }

  get size(): number {
    return this.#slotsById.size
  }

  get(id: string): DirectoryEntry | undefined {
    const slot = this.#slotsById.get(id)
    return slot === undefined ? undefined : this.#records[slot]?.entry
  }

  /** Adds the entry, or replaces the one with its id. */
  upsert(entry: DirectoryEntry): void {
    this.remove(entry.id)
    const slot = this.#freeSlots.pop() ?? this.#records.length
    const record = indexEntry(entry)
    this.#records[slot] = record
    this.#slotsById.set(entry.id, slot)
    this.#placeInNameOrder(slot, this.#byName.add(record.nameKey, slot))
    this.#byInitials.add(record.initials, slot)
    for (const word of this.#addTerms(record, slot)) this.#words.add(word, 0)
    this.#updateBoost(slot)
  }

  remove(id: string): void {
    const slot = this.#slotsById.get(id)
    if (slot === undefined) return
    const record = this.#records[slot]!
    this.#slotsById.delete(id)
    this.#records[slot] = undefined
    this.#freeSlots.push(slot)
    this.#byName.remove(record.nameKey, slot)
    this.#byInitials.remove(record.initials, slot)
    for (const word of new Set(record.nameWords)) removeFrom(this.#nameWordSlots.get(word), slot)
    for (const word of new Set(record.otherWords)) removeFrom(this.#otherWordSlots.get(word), slot)
    for (const gram of trigramsOf(record)) removeFrom(this.#trigrams.get(gram), slot)
    for (const start of numberStartsOf(record)) removeFrom(this.#numberStarts.get(start), slot)
    this.#boosted.delete(slot)
  }

  /** All entries of one source, e.g. to write the directory's cache. */
  entriesFrom(source: DirectorySource): DirectoryEntry[] {
    return this.#records
      .filter((record): record is Indexed => record?.entry.source === source)
      .map((record) => record.entry)
  }

  /**
   * The call history and the favourites: numbers dialled often and lately, and starred ones, rank
   * higher. A dialled number that is in no entry becomes a "recent" entry of its own.
   */
  setUsage(signals: readonly UsageSignal[], now = Date.now()): void {
    this.#usage.reset(signals, now)
    for (const id of [...this.#slotsById.keys()]) if (id.startsWith('recent:')) this.remove(id)
    const known = new Set<string>()
    for (const record of this.#records) for (const digits of record?.digits ?? []) known.add(usageKey(digits))
    for (const signal of signals) {
      const key = usageKey(digitsOf(signal.number))
      if (key === '' || known.has(key)) continue
      known.add(key)
      this.upsert({
        id: `recent:${key}`,
        source: 'recent',
        name: signal.name ?? signal.number,
        numbers: [{ label: 'other', number: signal.number }]
      })
    }
    this.#boosted.clear()
    for (const slot of this.#slotsById.values()) this.#updateBoost(slot)
  }

  /** The best `limit` entries for what was typed, best first. */
  search(text: string, limit = 20): DirectoryHit[] {
    const query = parseSearchQuery(text)
    if (query.tokens.length === 0 || limit <= 0) return []
    this.#generation += 1
    if (this.#seen.length < this.#records.length) this.#seen = new Uint32Array(this.#records.length * 2)
    const found: Candidate[] = []
    const consider = (slot: number): boolean => {
      if (this.#seen[slot] === this.#generation) return false
      this.#seen[slot] = this.#generation
      const rank = rankOf(this.#records[slot]!, query)
      if (rank === 0) return false
      found.push({ slot, rank, boost: this.#boosted.get(slot) ?? 0 })
      return true
    }
    for (const slot of this.#boosted.keys()) consider(slot)
    if (query.digits !== undefined) this.#findNumbers(query, limit, consider, found)
    else this.#findNames(query, limit, consider, found)
    return this.#ranked(found, query, limit)
  }

  #findNames(query: SearchQuery, limit: number, consider: (slot: number) => boolean, found: Candidate[]): void {
    const atLeast = (rank: number): number => found.filter((candidate) => candidate.rank >= rank).length
    // Names starting with the query, in name order: once `limit` are found, later ones cannot rank higher.
    const [start, end] = this.#byName.prefixRange(query.joined)
    for (let index = start, taken = 0; index < end && taken < limit; index += 1)
      if (consider(this.#byName.slotAt(index))) taken += 1
    if (atLeast(RANK.prefix) >= limit) return
    const single = query.tokens.length === 1 ? query.tokens[0] : undefined
    if (single !== undefined && single.length >= 2) {
      const [from, to] = this.#byInitials.prefixRange(single)
      for (let index = from; index < to; index += 1) consider(this.#byInitials.slotAt(index))
    }
    if (atLeast(RANK.initials) >= limit) return
    // Word starts: the longest word of the query has the fewest entries to look at.
    const longest = query.tokens.reduce((a, b) => (b.length > a.length ? b : a))
    const [first, last] = this.#words.prefixRange(longest)
    const inRange = (index: number): string => this.#words.keyAt(index)
    for (let index = first; index < last; index += 1)
      this.#considerInNameOrder(this.#nameWordSlots.get(inRange(index)), RANK.word, limit, consider, found)
    if (atLeast(RANK.word) >= limit) return
    for (let index = first; index < last; index += 1)
      this.#considerInNameOrder(this.#otherWordSlots.get(inRange(index)), RANK['other-field'], limit, consider, found)
    if (atLeast(RANK['other-field']) >= limit) return
    for (const token of query.tokens) {
      if (token.length < TYPO_MIN_LETTERS) continue
      const [from, to] = this.#words.prefixRange(token[0])
      for (let index = from; index < to; index += 1) {
        const word = inRange(index)
        if (!startsWithOneEdit(token, word)) continue
        this.#considerInNameOrder(this.#nameWordSlots.get(word), RANK.typo, limit, consider, found)
        this.#considerInNameOrder(this.#otherWordSlots.get(word), RANK.typo, limit, consider, found)
      }
    }
  }

  /**
   * Looks at a posting list in name order until `limit` of its entries matched with `best`, the
   * best rank an entry of this list can have that was not looked at before: the later ones cannot
   * rank higher than those.
   */
  #considerInNameOrder(
    slots: number[] | undefined,
    best: number,
    limit: number,
    consider: (slot: number) => boolean,
    found: Candidate[]
  ): void {
    if (!slots) return
    for (let index = 0, taken = 0; index < slots.length && taken < limit; index += 1) {
      if (consider(slots[index]) && found[found.length - 1].rank >= best) taken += 1
    }
  }

  #findNumbers(query: SearchQuery, limit: number, consider: (slot: number) => boolean, found: Candidate[]): void {
    const digits = query.digits!
    for (const start of query.digitsWithoutPrefix ? [digits, query.digitsWithoutPrefix] : [digits]) {
      this.#considerInNameOrder(this.#numberStarts.get(start.slice(0, 3)), RANK['number-start'], limit, consider, found)
    }
    if (digits.length < 3 || found.filter((candidate) => candidate.rank >= RANK['number-start']).length >= limit) return
    // Any number containing the digits contains each of their trigrams: look at the rarest one's entries.
    const core = query.digitsWithoutPrefix ?? digits
    let rarest: number[] = []
    for (let i = 0; i + 3 <= core.length; i += 1) {
      const posting = this.#trigrams.get(core.slice(i, i + 3)) ?? []
      if (i === 0 || posting.length < rarest.length) rarest = posting
    }
    this.#considerInNameOrder(rarest, RANK.number, limit, consider, found)
  }

  #ranked(found: Candidate[], query: SearchQuery, limit: number): DirectoryHit[] {
    const records = this.#records
    const order = this.#order
    found.sort((a, b) => b.rank - a.rank || b.boost - a.boost || order[a.slot] - order[b.slot])
    const hits: DirectoryHit[] = []
    const shown = new Set<string>()
    for (const candidate of found) {
      if (hits.length === limit) break
      const record = records[candidate.slot]!
      // The same person in two sources (same name, a shared number) is shown once.
      const keys = record.digits.map((digits) => `${record.nameKey}|${usageKey(digits)}`)
      if (keys.some((key) => shown.has(key))) continue
      for (const key of keys) shown.add(key)
      const kind = (Object.keys(RANK) as MatchKind[]).find((name) => RANK[name] === candidate.rank)!
      hits.push({
        entry: record.entry,
        kind,
        favourite: this.#usage.isFavourite(record.digits),
        ...highlightsFor(record.entry, record.digits, query, kind)
      })
    }
    return hits
  }

  /** Adds the record's words and trigrams to the postings; returns the words the index did not know yet. */
  #addTerms(record: Indexed, slot: number): string[] {
    const added: string[] = []
    const addWord = (postings: Map<string, number[]>, word: string): void => {
      const posting = postings.get(word)
      if (posting) this.#insertInNameOrder(posting, slot)
      else {
        if (!this.#nameWordSlots.has(word) && !this.#otherWordSlots.has(word)) added.push(word)
        postings.set(word, [slot])
      }
    }
    for (const word of new Set(record.nameWords)) addWord(this.#nameWordSlots, word)
    for (const word of new Set(record.otherWords)) addWord(this.#otherWordSlots, word)
    for (const gram of trigramsOf(record)) this.#addToList(this.#trigrams, gram, slot)
    for (const start of numberStartsOf(record)) this.#addToList(this.#numberStarts, start, slot)
    return added
  }

  /** Gives a new slot a place in name order between its neighbours in the sorted names. */
  #placeInNameOrder(slot: number, index: number): void {
    const before = index > 0 ? this.#order[this.#byName.slotAt(index - 1)] : -1
    const after = index + 1 < this.#byName.size ? this.#order[this.#byName.slotAt(index + 1)] : before + 2
    const place = (before + after) / 2
    if (place > before && place < after) {
      this.#order[slot] = place
      return
    }
    // No number left between the neighbours: number every slot again, which keeps every list's order.
    for (let i = 0; i < this.#byName.size; i += 1) this.#order[this.#byName.slotAt(i)] = i
  }

  #addToList(lists: Map<string, number[]>, key: string, slot: number): void {
    const list = lists.get(key)
    if (list) this.#insertInNameOrder(list, slot)
    else lists.set(key, [slot])
  }

  #insertInNameOrder(posting: number[], slot: number): void {
    const place = this.#order[slot]
    let low = 0
    let high = posting.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#order[posting[middle]] < place) low = middle + 1
      else high = middle
    }
    posting.splice(low, 0, slot)
  }

  #updateBoost(slot: number): void {
    const boost = this.#usage.scoreOf(this.#records[slot]!.digits)
    if (boost > 0) this.#boosted.set(slot, boost)
    else this.#boosted.delete(slot)
  }
}

function indexEntry(entry: DirectoryEntry): Indexed {
  const nameWords = foldedWords(entry.name)
  return {
    entry,
    nameKey: nameWords.join(' '),
    nameWords,
    otherWords: [entry.company, entry.department, entry.title].flatMap((text) => (text ? foldedWords(text) : [])),
    initials: nameWords.map((word) => word[0]).join(''),
    digits: entry.numbers.map((number) => digitsOf(number.number))
  }
}

function trigramsOf(record: Indexed): Set<string> {
  const grams = new Set<string>()
  for (const digits of record.digits) for (let i = 0; i + 3 <= digits.length; i += 1) grams.add(digits.slice(i, i + 3))
  return grams
}

/** The first one, two and three digits of each number, for the first keystrokes of a number. */
function numberStartsOf(record: Indexed): Set<string> {
  const starts = new Set<string>()
  for (const digits of record.digits)
    for (let length = 1; length <= 3 && length <= digits.length; length += 1) starts.add(digits.slice(0, length))
  return starts
}

function removeFrom(posting: number[] | undefined, slot: number): void {
  const index = posting?.indexOf(slot) ?? -1
  if (index >= 0) posting!.splice(index, 1)
}

function wordStartsWith(words: string[], token: string): boolean {
  for (const word of words) if (word.startsWith(token)) return true
  return false
}

function wordNearlyStartsWith(words: string[], token: string): boolean {
  if (token.length < TYPO_MIN_LETTERS) return false
  for (const word of words) if (startsWithOneEdit(token, word)) return true
  return false
}

function numberContains(record: Indexed, digits: string): boolean {
  for (const number of record.digits) if (number.includes(digits)) return true
  return false
}

/** How well the record matches the query, as a RANK value; 0 when it does not. */
function rankOf(record: Indexed, query: SearchQuery): number {
  const { digits, digitsWithoutPrefix } = query
  if (digits !== undefined) {
    for (const number of record.digits)
      if (number.startsWith(digits) || (digitsWithoutPrefix !== undefined && number.startsWith(digitsWithoutPrefix)))
        return RANK['number-start']
    if (digits.length < 3) return 0
    return numberContains(record, digits) ||
      (digitsWithoutPrefix !== undefined && numberContains(record, digitsWithoutPrefix))
      ? RANK.number
      : 0
  }
  if (record.nameKey === query.joined) return RANK.exact
  if (record.nameKey.startsWith(query.joined)) return RANK.prefix
  const { tokens } = query
  if (tokens.length === 1 && tokens[0].length >= 2 && record.initials.startsWith(tokens[0]) && !/\d/.test(tokens[0]))
    return RANK.initials
  let inName = true
  let exactly = true
  for (const token of tokens) {
    if (wordStartsWith(record.nameWords, token)) continue
    inName = false
    if (wordStartsWith(record.otherWords, token) || (/^\d+$/.test(token) && numberContains(record, token))) continue
    exactly = false
    if (!wordNearlyStartsWith(record.nameWords, token) && !wordNearlyStartsWith(record.otherWords, token)) return 0
  }
  return inName ? RANK.word : exactly ? RANK['other-field'] : RANK.typo
}
