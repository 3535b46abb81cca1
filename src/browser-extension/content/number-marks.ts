/**
 * The numbers marked in one document: each as a `Range` over the page's own text node, gathered in
 * one CSS Custom Highlight named `deskdial` (styled by `::highlight(deskdial)`). The page's nodes
 * are never changed: a highlight only paints over them.
 */
import type { FoundNumber } from '../detection'

export const HIGHLIGHT_NAME = 'deskdial'

export interface MarkedNumber {
  found: FoundNumber
  range: Range
}

/**
 * New marks reach the highlight together, twice per reading at most: this long after the reading
 * found its first number (the first screenful is read by then, and the page's `load` has usually
 * come), and when the reading pauses. Each change of a highlight makes the browser apply all of
 * its ranges again and repaint at the next frame, which on a big page costs a long task whether
 * one range changed or hundreds (docs/benchmarks.md, the browser extension on a big page).
 */
export const FIRST_PAINT_MS = 500

export class NumberMarks {
  readonly #highlight = new Highlight()
  readonly #byNode = new Map<Text, MarkedNumber[]>()
  /** Marks found but not yet in the highlight. */
  readonly #unpainted = new Set<Range>()
  #paintTimer: ReturnType<typeof setTimeout> | undefined
  /** Set once this reading's first screenful is in the highlight: the rest waits for the pause. */
  #paintedEarly = false

  constructor(registry: HighlightRegistry) {
    registry.set(HIGHLIGHT_NAME, this.#highlight)
  }

  /** Marks `numbers` in `node`, replacing what was marked in it before. */
  mark(node: Text, numbers: FoundNumber[]): void {
    this.forget(node)
    if (numbers.length === 0) return
    const marked = numbers.map((found) => {
      const range = new Range()
      range.setStart(node, found.start)
      range.setEnd(node, found.end)
      this.#unpainted.add(range)
      return { found, range }
    })
    this.#byNode.set(node, marked)
    if (!this.#paintedEarly) this.#paintTimer ??= setTimeout(() => this.#paintEarly(), FIRST_PAINT_MS)
  }

  forget(node: Text): void {
    const marked = this.#byNode.get(node)
    // Most text read holds no number and never did: nothing to forget.
    if (marked === undefined) return
    for (const { range } of marked) {
      this.#unpainted.delete(range)
      this.#highlight.delete(range)
    }
    this.#byNode.delete(node)
  }

  /** Puts the marks found so far into the highlight (the scanner calls it when it has read all it was given). */
  paint(): void {
    clearTimeout(this.#paintTimer)
    this.#paintTimer = undefined
    this.#paintedEarly = false
    this.#addUnpainted()
  }

  #paintEarly(): void {
    this.#paintTimer = undefined
    this.#paintedEarly = true
    this.#addUnpainted()
  }

  #addUnpainted(): void {
    for (const range of this.#unpainted) this.#highlight.add(range)
    this.#unpainted.clear()
  }

  /** Forgets the numbers of text that has left the document (removed, or replaced by a re-render). */
  forgetDetached(): void {
    for (const node of this.#byNode.keys()) if (!node.isConnected) this.forget(node)
  }

  clear(): void {
    for (const node of [...this.#byNode.keys()]) this.forget(node)
  }

  /** The marked number at `offset` in `node`, if any. */
  at(node: Node, offset: number): MarkedNumber | undefined {
    return this.#byNode.get(node as Text)?.find(({ found }) => found.start <= offset && offset <= found.end)
  }

  get size(): number {
    return this.#highlight.size
  }
}
