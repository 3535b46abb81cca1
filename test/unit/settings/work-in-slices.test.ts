import { describe, expect, it } from 'vitest'
import {
  runInSlices,
  runToEnd,
  sortInSlices,
  sortWithPauses,
  type SlicedWork
} from '../../../src/main/settings/work-in-slices'

/** 20,000 items with many equal keys, in a scrambled order; `at` is each one's place before the sort. */
function scrambled(): Array<{ key: string; at: number }> {
  return Array.from({ length: 20_000 }, (_, at) => ({ key: `name ${(at * 7919) % 997}`, at }))
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

describe('sorting in slices', () => {
  it('stops between slices and sorts as the built-in stable sort does', () => {
    const items = scrambled()
    const sorting = sortInSlices(items, byKey, 0)
    let stops = 0
    let step = sorting.next()
    for (; !step.done; step = sorting.next()) stops += 1
    // A budget of 0 stops at every look at the clock: after each run of 1,024, and during each merge.
    expect(stops).toBeGreaterThan(20)
    expect(step.value).toBe(items)
    // Stable: equal keys keep their order, as Array.prototype.sort keeps it.
    expect(items).toEqual(scrambled().sort(byKey))
  })

  it('lets the event loop turn while it sorts', async () => {
    let turns = 0
    const ticking = () =>
      setImmediate(() => {
        turns += 1
        if (!done) ticking()
      })
    let done = false
    ticking()
    const sorted = await sortWithPauses(scrambled(), byKey, { budgetMs: 0 })
    done = true
    expect(turns).toBeGreaterThan(10)
    expect(sorted.map((item) => item.at)).toEqual(
      scrambled()
        .sort(byKey)
        .map((item) => item.at)
    )
  })

  it('sorts a short or empty list at once', async () => {
    const pauses: number[] = []
    expect(await sortWithPauses([3, 1, 2], (a, b) => a - b, { pause: async () => void pauses.push(1) })).toEqual([
      1, 2, 3
    ])
    expect(await sortWithPauses([], (a: number, b: number) => a - b)).toEqual([])
    expect(pauses).toEqual([])
  })
})

describe('running sliced work', () => {
  function* counting(pieces: number): SlicedWork<number> {
    for (let piece = 0; piece < pieces; piece += 1) yield
    return pieces
  }

  it('lets the event loop turn when a slice has taken its budget, and at once gives the result', async () => {
    let turns = 0
    setImmediate(() => (turns += 1))
    expect(await runInSlices(counting(3), 0)).toBe(3)
    expect(turns).toBe(1)
    expect(runToEnd(counting(5))).toBe(5)
  })
})
