import { digitsOf } from '../../shared/digits-of'
import type { DirectoryEntry, DirectoryHit, DirectorySource, UsageSignal } from './directory-entry'
import {
  indexEntry,
  numberStartKey,
  PREFIX_LETTERS,
  sharedFolding,
  sharedWordPrefixes,
  trigramAt,
  wordPrefixes,
  type Indexed
} from './entry-terms'
import { CandidateFinder, type Candidate, type SearchLists } from './candidate-search'
import { rankOf } from './match-rank'
import { NameOrderLists } from './name-order-lists'
import { rankedHits } from './ranked-hits'
import { parseSearchQuery } from './search-query'
import { SortedKeys } from './sorted-keys'
import { sortInSlices } from '../settings/work-in-slices'
import { usageKey, UsageScores } from './usage-scores'

/** Above this share of the index, replacing a source rebuilds the index rather than changing entries one by one. */
const REBUILD_SHARE = 0.05
/** Entries built between two pauses of {@link DirectoryIndex.build}: a few milliseconds of work. */
const BUILD_SLICE = 2_000

/**
 * Every entry of every source in memory, found as a person types: sorted names, and lists in name
 * order of the entries under each start of a name word, of the initials and of the numbers, each
 * word of the company, department and title, and each run of three digits. A keystroke looks at the
 * shortest of the lists that can hold its matches, and stops once `limit` entries matched that the
 * rest of the list cannot beat (CandidateFinder, in candidate-search.ts). `upsert` and `remove`
 * change one entry in place.
 *
 * Ranking: the match kind (exact name, name prefix, initials, word starts in the name, in the
 * company or department, number start, digits anywhere, one typo), then favourites and often and
 * lately dialled numbers, then DeskDial's own contacts before the directory, then the name (rankedHits).
 */
export class DirectoryIndex {
  #records: Array<Indexed | undefined> = []
  #slotsById = new Map<string, number>()
  #freeSlots: number[] = []
  #byName = new SortedKeys()
  /** Each slot's place in name order (fractions for entries added since the index was built). */
  #order: number[] = []
  readonly #placeOf = (slot: number): number => this.#order[slot]
  #namePrefixes = new NameOrderLists(this.#placeOf)
  #initials = new NameOrderLists(this.#placeOf)
  /** The words of the company, department and title. */
  #otherWords = new NameOrderLists(this.#placeOf)
  #trigrams = new NameOrderLists<number>(this.#placeOf)
  #numberStarts = new NameOrderLists<number>(this.#placeOf)
  /** Every word known in names and in the other fields, for the word starts and the typos. */
  #nameVocabulary = new SortedKeys()
  #otherVocabulary = new SortedKeys()
  readonly #usage = new UsageScores()
  /** Slots with a favourite or a dialled number: looked at on every search, so they can rank first. */
  readonly #boosted = new Map<number, number>()
  #seen = new Uint32Array(1024)
  #generation = 0

  constructor(entries: Iterable<DirectoryEntry> = []) {
    this.#build(entries)
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
    const record = indexEntry(entry)
    const known = this.#slotsById.get(entry.id)
    const old = known === undefined ? undefined : this.#records[known]
    let slot: number
    if (known !== undefined && old?.nameKey === record.nameKey) {
      // The same name keeps its place in name order: only the terms that changed move.
      slot = known
      this.#changeTerms(slot, old, record)
    } else {
      this.remove(entry.id)
      slot = this.#freeSlots.pop() ?? this.#records.length
      this.#slotsById.set(entry.id, slot)
      this.#placeInNameOrder(slot, this.#byName.add(record.nameKey, slot))
      this.#forEachTerm(record, (lists, key) => lists.add(key, slot))
    }
    this.#records[slot] = record
    for (const word of record.nameWords) learn(this.#nameVocabulary, word)
    for (const word of record.otherWords) learn(this.#otherVocabulary, word)
    this.#updateBoost(slot)
  }

  remove(id: string): void {
    const slot = this.#slotsById.get(id)
    if (slot === undefined) return
    const record = this.#records[slot]!
    this.#forEachTerm(record, (lists, key) => lists.remove(key, slot))
    this.#byName.remove(record.nameKey, slot)
    this.#slotsById.delete(id)
    this.#records[slot] = undefined
    this.#freeSlots.push(slot)
    this.#boosted.delete(slot)
  }

  /**
   * Replaces every entry of `source` with `entries` (a fresh copy of the company directory, or the
   * whole contact list), keeping the other sources. When many entries change, it rebuilds the
   * index, which is faster than changing them one by one. An entry of another source is refused
   * and changes nothing.
   */
  replaceSource(source: DirectorySource, entries: readonly DirectoryEntry[]): void {
    const stranger = entries.find((entry) => entry.source !== source)
    if (stranger)
      throw new Error(
        `The entry "${stranger.id}" comes from ${stranger.source}, not from ${source}: replace each source with its own entries.`
      )
    const old = this.entriesFrom(source)
    if (old.length + entries.length > this.size * REBUILD_SHARE) {
      const kept = this.#records.filter((record) => record !== undefined && record.entry.source !== source)
      this.#build([...kept.map((record) => record!.entry), ...entries])
      for (const slot of this.#slotsById.values()) this.#updateBoost(slot)
      return
    }
    const wanted = new Set(entries.map((entry) => entry.id))
    for (const entry of old) if (!wanted.has(entry.id)) this.remove(entry.id)
    for (const entry of entries) this.upsert(entry)
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
    this.#boosted.clear()
    const done = new Set<string>()
    for (const signal of signals) {
      const key = usageKey(digitsOf(signal.number))
      if (key === '' || done.has(key)) continue
      done.add(key)
      const slots = this.#slotsWithNumber(key)
      for (const slot of slots) this.#updateBoost(slot)
      if (slots.length > 0) continue
      this.upsert({
        id: `recent:${key}`,
        source: 'recent',
        name: signal.name ?? signal.number,
        numbers: [{ label: 'other', number: signal.number }]
      })
    }
  }

  /** The slots with a number whose usage key is `key`: among those whose numbers contain it, when it is long enough. */
  #slotsWithNumber(key: string): number[] {
    const candidates =
      key.length >= 3 ? new CandidateFinder(this.#searchLists()).containing(key) : [...this.#slotsById.values()]
    return candidates.filter((slot) => this.#records[slot]!.digits.some((digits) => usageKey(digits) === key))
  }

  /** The best `limit` entries for what was typed, best first. */
  search(text: string, limit = 20): DirectoryHit[] {
    const query = parseSearchQuery(text)
    if (query.tokens.length === 0 || limit <= 0) return []
    this.#generation += 1
    if (this.#seen.length < this.#records.length) this.#seen = new Uint32Array(this.#records.length * 2)
    const found: Candidate[] = []
    const consider = (slot: number): number => {
      if (this.#seen[slot] === this.#generation) return 0
      this.#seen[slot] = this.#generation
      const rank = rankOf(this.#records[slot]!, query)
      if (rank > 0) found.push({ slot, rank, boost: this.#boosted.get(slot) ?? 0 })
      return rank
    }
    for (const slot of this.#boosted.keys()) consider(slot)
    const finder = new CandidateFinder(this.#searchLists())
    if (query.digits !== undefined) finder.findNumbers(query, limit, consider, found)
    else finder.findNames(query, limit, consider, found)
    return rankedHits(found, this.#records, this.#order, (digits) => this.#usage.isFavourite(digits), query, limit)
  }

  /**
   * Builds an index without holding the thread for long: the work is cut into slices of
   * {@link BUILD_SLICE} entries with `pause()` awaited between them (by default the next turn of the
   * event loop), so a process that builds 100,000 entries keeps answering meanwhile.
   */
  static async build(
    entries: Iterable<DirectoryEntry>,
    pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))
  ): Promise<DirectoryIndex> {
    const index = new DirectoryIndex()
    for (const _slice of index.#buildInSlices(entries)) await pause()
    return index
  }

  #build(entries: Iterable<DirectoryEntry>): void {
    for (const _slice of this.#buildInSlices(entries));
  }

  /** The build, pausing (yielding) after each slice of entries. */
  *#buildInSlices(entries: Iterable<DirectoryEntry>): Generator<void> {
    const unique = new Map<string, DirectoryEntry>()
    for (const entry of entries) if (unique.set(entry.id, entry).size % BUILD_SLICE === 0) yield
    yield
    // Slots in name order, so that every list is in name order when each slot is appended.
    const fold = sharedFolding()
    const records: Indexed[] = []
    for (const entry of unique.values()) {
      records.push(indexEntry(entry, fold))
      if (records.length % BUILD_SLICE === 0) yield
    }
    yield* sortInSlices(records, (a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : 0))
    yield
    this.#records = records
    this.#slotsById = new Map()
    this.#freeSlots = []
    this.#order = records.map((_, slot) => slot)
    this.#namePrefixes = new NameOrderLists(this.#placeOf)
    this.#initials = new NameOrderLists(this.#placeOf)
    this.#otherWords = new NameOrderLists(this.#placeOf)
    this.#trigrams = new NameOrderLists<number>(this.#placeOf)
    this.#numberStarts = new NameOrderLists<number>(this.#placeOf)
    this.#boosted.clear()
    const nameWords = new Set<string>()
    const otherWords = new Set<string>()
    const prefixesOf = sharedWordPrefixes()
    for (const [slot, record] of records.entries()) {
      this.#slotsById.set(record.entry.id, slot)
      this.#forEachTerm(record, (lists, key) => lists.append(key, slot), prefixesOf)
      for (const word of record.nameWords) nameWords.add(word)
      for (const word of record.otherWords) otherWords.add(word)
      if ((slot + 1) % BUILD_SLICE === 0) yield
    }
    this.#byName = SortedKeys.from(records.map((record, slot) => ({ key: record.nameKey, slot })))
    yield
    this.#nameVocabulary = SortedKeys.from([...nameWords].map((key) => ({ key, slot: 0 })))
    this.#otherVocabulary = SortedKeys.from([...otherWords].map((key) => ({ key, slot: 0 })))
  }

  /**
   * Visits each list the record is in, with its key there and a tag naming the kind of list; a key
   * may come twice (two words with the same start), which the lists ignore.
   */
  #forEachTerm(
    record: Indexed,
    visit: <Key>(lists: NameOrderLists<Key>, key: Key, tag: string) => void,
    prefixesOf: (word: string) => readonly string[] = wordPrefixes
  ): void {
    for (const word of record.nameWords) for (const prefix of prefixesOf(word)) visit(this.#namePrefixes, prefix, 'n')
    for (const word of record.unspelledNameWords ?? [])
      for (const prefix of prefixesOf(word)) visit(this.#namePrefixes, prefix, 'n')
    for (let length = 2; length <= PREFIX_LETTERS && length <= record.initials.length; length += 1)
      visit(this.#initials, record.initials.slice(0, length), 'i')
    for (const word of record.otherWords) visit(this.#otherWords, word, 'o')
    for (const digits of record.digits) {
      for (let at = 0; at + 3 <= digits.length; at += 1) visit(this.#trigrams, trigramAt(digits, at), 't')
      for (let length = 1; length <= 3 && length <= digits.length; length += 1)
        visit(this.#numberStarts, numberStartKey(digits, length), 's')
    }
  }

  /** Moves a slot out of the lists only `old` is in and into those only `record` is in. */
  #changeTerms(slot: number, old: Indexed, record: Indexed): void {
    const before = new Set<string>()
    const after = new Set<string>()
    this.#forEachTerm(old, (_, key, tag) => before.add(tag + String(key)))
    this.#forEachTerm(record, (_, key, tag) => after.add(tag + String(key)))
    this.#forEachTerm(old, (lists, key, tag) => {
      if (!after.has(tag + String(key))) lists.remove(key, slot)
    })
    this.#forEachTerm(record, (lists, key, tag) => {
      if (!before.has(tag + String(key))) lists.add(key, slot)
    })
  }

  #searchLists(): SearchLists {
    return {
      byName: this.#byName,
      namePrefixes: this.#namePrefixes,
      initials: this.#initials,
      otherWords: this.#otherWords,
      trigrams: this.#trigrams,
      numberStarts: this.#numberStarts,
      nameVocabulary: this.#nameVocabulary,
      otherVocabulary: this.#otherVocabulary,
      placeOf: this.#placeOf,
      seenNow: (slot) => this.#seen[slot] === this.#generation
    }
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

  #updateBoost(slot: number): void {
    const boost = this.#usage.scoreOf(this.#records[slot]!.digits)
    if (boost > 0) this.#boosted.set(slot, boost)
    else this.#boosted.delete(slot)
  }
}

/** Adds `word` to the sorted words unless it is there. */
function learn(vocabulary: SortedKeys, word: string): void {
  const index = vocabulary.lowerBound(word)
  if (index >= vocabulary.size || vocabulary.keyAt(index) !== word) vocabulary.add(word, 0)
}
