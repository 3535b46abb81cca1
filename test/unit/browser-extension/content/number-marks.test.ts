/**
 * Marks reach the `deskdial` highlight at most twice per reading of the page: once a while after
 * the first number was found, and when the reading pauses, however long the reading goes on (each
 * change of the highlight costs the page a rendering of all its ranges). The highlight and ranges
 * are stand-ins that count those changes: this project's unit tests run in Node, without a DOM.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FoundNumber } from '../../../../src/browser-extension/detection'
import { FIRST_PAINT_MS, HIGHLIGHT_NAME, NumberMarks } from '../../../../src/browser-extension/content/number-marks'

/** Counts the moments the highlight changed: additions in one task count once, as one rendering. */
class CountingHighlight extends Set<unknown> {
  static changes = 0
  static #pending = false
  override add(value: unknown): this {
    if (!CountingHighlight.#pending) {
      CountingHighlight.#pending = true
      CountingHighlight.changes++
      queueMicrotask(() => (CountingHighlight.#pending = false))
    }
    return super.add(value)
  }
}

class StandInRange {
  setStart(): void {}
  setEnd(): void {}
}

const found = (start: number): FoundNumber => ({ start, end: start + 12 }) as unknown as FoundNumber

beforeEach(() => {
  vi.useFakeTimers()
  vi.stubGlobal('Highlight', CountingHighlight)
  vi.stubGlobal('Range', StandInRange)
  CountingHighlight.changes = 0
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the marks of a long reading', () => {
  it('reach the highlight after the first screenful and at the end, never in between', async () => {
    const registry = new Map<string, CountingHighlight>()
    const marks = new NumberMarks(registry as unknown as HighlightRegistry)
    const highlight = registry.get(HIGHLIGHT_NAME)!
    // A reading of 5 s: a text node with a number every 50 ms.
    const nodes = Array.from({ length: 100 }, () => ({}) as Text)
    for (const [index, node] of nodes.entries()) {
      marks.mark(node, [found(0)])
      await vi.advanceTimersByTimeAsync(50)
      if (index * 50 < FIRST_PAINT_MS - 50) expect(highlight.size).toBe(0)
    }
    expect(CountingHighlight.changes).toBe(1)
    expect(highlight.size).toBe(FIRST_PAINT_MS / 50)
    marks.paint()
    await vi.advanceTimersByTimeAsync(0)
    expect(highlight.size).toBe(100)
    expect(CountingHighlight.changes).toBe(2)

    // The next reading (content added later) paints again in the same way.
    marks.mark({} as Text, [found(0)])
    marks.paint()
    expect(highlight.size).toBe(101)
    expect(CountingHighlight.changes).toBe(3)
  })
})
