/**
 * Long work in slices of a few milliseconds, with a turn of the event loop between them, so that
 * the main process keeps answering the window, the tray and the hotkey while it reads, checks or
 * sorts 100,000 contacts. Among them a stable sort that can stop between slices (sorting 100,000
 * names with a collator takes a quarter of a second): a bottom-up merge sort, whose runs of
 * {@link RUN} items are sorted with `Array.prototype.sort`, then merged two by two.
 */
import { performance } from 'node:perf_hooks'

/** How long one slice of work may hold the event loop. */
export const SLICE_MS = 8
/** Items sorted at once with the built-in sort before merging starts. */
const RUN = 1_024
/** Items a merge places between two looks at the clock. */
const CHECK_EVERY = 1_024

/** The next turn of the event loop: timers, I/O and IPC answers run before the work goes on. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * The clock of a sliced piece of work: `due` once the slice has taken `budgetMs`; `pause()` lets
 * the event loop turn and starts the next slice. A budget of 0 pauses at every look.
 */
export class Slices {
  readonly #budgetMs: number
  #start = performance.now()

  constructor(budgetMs = SLICE_MS) {
    this.#budgetMs = budgetMs
  }

  get due(): boolean {
    return performance.now() - this.#start >= this.#budgetMs
  }

  /** Marks the start of a slice (after a pause that was not this object's). */
  restart(): void {
    this.#start = performance.now()
  }

  async pause(): Promise<void> {
    await nextTurn()
    this.restart()
  }
}

export type Compare<T> = (a: T, b: T) => number

/**
 * Sorts `items` in place, stably, yielding once a slice has taken `budgetMs`; returns `items`.
 * Drive it to the end with {@link sortWithPauses}, or `yield*` it from a sliced build.
 */
export function* sortInSlices<T>(items: T[], compare: Compare<T>, budgetMs = SLICE_MS): Generator<void, T[]> {
  const length = items.length
  if (length <= RUN) return items.sort(compare)
  const clock = new Slices(budgetMs)
  for (let start = 0; start < length; start += RUN) {
    const run = items.slice(start, start + RUN).sort(compare)
    for (let i = 0; i < run.length; i += 1) items[start + i] = run[i]
    if (clock.due) {
      yield
      clock.restart()
    }
  }
  let from = items
  let to: T[] = new Array<T>(length)
  for (let width = RUN; width < length; width *= 2) {
    for (let left = 0; left < length; left += 2 * width) {
      const middle = Math.min(left + width, length)
      const end = Math.min(left + 2 * width, length)
      let i = left
      let j = middle
      for (let k = left; k < end; k += 1) {
        // The left item first on a tie: the sort stays stable.
        to[k] = i < middle && (j >= end || compare(from[i], from[j]) <= 0) ? from[i++] : from[j++]
        if (k % CHECK_EVERY === 0 && clock.due) {
          yield
          clock.restart()
        }
      }
    }
    ;[from, to] = [to, from]
  }
  if (from !== items) for (let k = 0; k < length; k += 1) items[k] = from[k]
  return items
}

/** {@link sortInSlices} with `pause()` awaited between slices (by default the next turn of the event loop). */
export async function sortWithPauses<T>(
  items: T[],
  compare: Compare<T>,
  options: { pause?: () => Promise<void>; budgetMs?: number } = {}
): Promise<T[]> {
  const pause = options.pause ?? nextTurn
  const sorting = sortInSlices(items, compare, options.budgetMs)
  for (let step = sorting.next(); !step.done; step = sorting.next()) await pause()
  return items
}

/** Work that yields between its pieces (a record read, a contact checked): `yield` marks where it may pause. */
export type SlicedWork<T> = Generator<void, T>

/** Runs sliced work to its end at once: for the CLI, which has nothing else to answer meanwhile. */
export function runToEnd<T>(work: SlicedWork<T>): T {
  for (;;) {
    const step = work.next()
    if (step.done) return step.value
  }
}

/** Runs sliced work, letting the event loop turn whenever a slice has taken `budgetMs`. */
export async function runInSlices<T>(work: SlicedWork<T>, budgetMs = SLICE_MS): Promise<T> {
  const clock = new Slices(budgetMs)
  for (;;) {
    const step = work.next()
    if (step.done) return step.value
    if (clock.due) await clock.pause()
  }
}
