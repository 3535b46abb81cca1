/**
 * Lists of slots under keys (a word's start, a number's first digits, ...), each kept in name
 * order, so that a search can stop after the first few matches of a list: the entries after them
 * cannot rank higher. Adding or removing one slot finds its place by binary search.
 */
export class NameOrderLists<Key = string> {
  readonly #lists = new Map<Key, number[]>()
  /** A slot's place in name order. */
  readonly #placeOf: (slot: number) => number

  constructor(placeOf: (slot: number) => number) {
    this.#placeOf = placeOf
  }

  get(key: Key): readonly number[] | undefined {
    return this.#lists.get(key)
  }

  /**
   * Adds a slot after every slot in the list: for building, when slots come in name order (the
   * same slot twice in a row is kept once).
   */
  append(key: Key, slot: number): void {
    const list = this.#lists.get(key)
    if (!list) this.#lists.set(key, [slot])
    else if (list[list.length - 1] !== slot) list.push(slot)
  }

  /** Adds a slot at its place in name order, unless it is in the list. */
  add(key: Key, slot: number): void {
    const list = this.#lists.get(key)
    if (!list) {
      this.#lists.set(key, [slot])
      return
    }
    const index = this.#firstNotBefore(list, slot)
    if (list[index] !== slot) list.splice(index, 0, slot)
  }

  remove(key: Key, slot: number): void {
    const list = this.#lists.get(key)
    if (!list) return
    const index = this.#firstNotBefore(list, slot)
    if (list[index] !== slot) return
    if (list.length === 1) this.#lists.delete(key)
    else list.splice(index, 1)
  }

  #firstNotBefore(list: readonly number[], slot: number): number {
    const place = this.#placeOf(slot)
    let low = 0
    let high = list.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#placeOf(list[middle]) < place) low = middle + 1
      else high = middle
    }
    return low
  }
}

/** The slots in both lists (each in name order), in name order. */
export function inBoth(a: readonly number[], b: readonly number[], placeOf: (slot: number) => number): number[] {
  const both: number[] = []
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      both.push(a[i])
      i += 1
      j += 1
    } else if (placeOf(a[i]) < placeOf(b[j])) i += 1
    else j += 1
  }
  return both
}

/**
 * Answers, for slots asked in name order, whether each is in a list of every word of the query:
 * each list is read forward once, in growing leaps, instead of being searched from its start for
 * every slot.
 */
export class InEveryWord {
  readonly #perToken: Array<Array<readonly number[]>>
  readonly #cursors: number[][]
  readonly #placeOf: (slot: number) => number

  constructor(perToken: Array<Array<readonly number[]>>, placeOf: (slot: number) => number) {
    this.#perToken = perToken
    this.#cursors = perToken.map((lists) => lists.map(() => 0))
    this.#placeOf = placeOf
  }

  has(slot: number): boolean {
    const place = this.#placeOf(slot)
    // Indexed loops: this runs for thousands of slots a keystroke, and iterators would allocate.
    for (let token = 0; token < this.#perToken.length; token += 1) {
      const lists = this.#perToken[token]
      const cursors = this.#cursors[token]
      let found = false
      for (let index = 0; index < lists.length && !found; index += 1) {
        const at = this.#seek(lists[index], cursors[index], place)
        cursors[index] = at
        found = lists[index][at] === slot
      }
      if (!found) return false
    }
    return true
  }

  /** The first index from `from` on whose slot is not before `place`: leaps of 1, 2, 4, ... then a binary search. */
  #seek(list: readonly number[], from: number, place: number): number {
    let low = from
    let step = 1
    while (low + step < list.length && this.#placeOf(list[low + step]) < place) {
      low += step
      step *= 2
    }
    if (low >= list.length || this.#placeOf(list[low]) >= place) return low
    let high = Math.min(low + step, list.length)
    low += 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#placeOf(list[middle]) < place) low = middle + 1
      else high = middle
    }
    return low
  }
}
