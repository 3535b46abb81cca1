/**
 * Slots kept in the order of a text key, so that every key starting with a prefix sits in one
 * contiguous run, found by binary search. Adding or removing one slot moves the ones after it but
 * rebuilds nothing.
 */
export class SortedKeys {
  #keys: string[] = []
  #slots: number[] = []

  /** Loads many pairs at once (faster than adding them one by one). */
  static from(pairs: Array<{ key: string; slot: number }>): SortedKeys {
    const sorted = new SortedKeys()
    pairs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.slot - b.slot))
    sorted.#keys = pairs.map((pair) => pair.key)
    sorted.#slots = pairs.map((pair) => pair.slot)
    return sorted
  }

  get size(): number {
    return this.#keys.length
  }

  keyAt(index: number): string {
    return this.#keys[index]
  }

  slotAt(index: number): number {
    return this.#slots[index]
  }

  /** The first index whose key is not before `key`. */
  lowerBound(key: string): number {
    let low = 0
    let high = this.#keys.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#keys[middle] < key) low = middle + 1
      else high = middle
    }
    return low
  }

  /** The indexes [start, end) of the keys that start with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    // Keys starting with the prefix end before the prefix followed by the highest code unit.
    return [this.lowerBound(prefix), this.lowerBound(prefix + '\uffff')]
  }

  /** Adds the pair; returns its index. */
  add(key: string, slot: number): number {
    let index = this.lowerBound(key)
    while (index < this.#keys.length && this.#keys[index] === key && this.#slots[index] < slot) index += 1
    this.#keys.splice(index, 0, key)
    this.#slots.splice(index, 0, slot)
    return index
  }

  remove(key: string, slot: number): void {
    for (let index = this.lowerBound(key); index < this.#keys.length && this.#keys[index] === key; index += 1) {
      if (this.#slots[index] === slot) {
        this.#keys.splice(index, 1)
        this.#slots.splice(index, 1)
        return
      }
    }
  }
}
