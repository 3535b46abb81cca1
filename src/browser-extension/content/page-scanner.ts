/**
 * Finds and marks the numbers of a document in slices: each slice works for at most
 * {@link SLICE_BUDGET_MS} and then gives the page its turn (a message to itself on a
 * `MessageChannel`: unlike `scheduler.yield` it does not hold back the page's `load` event and
 * timers, and unlike a nested `setTimeout` it is not delayed by the browser's 4 ms clamp). Content
 * that scripts add or change later is watched by one MutationObserver per document and open shadow
 * root, and only the changed subtrees are read again.
 */
import { findPhoneNumbers } from '../detection'
import { isInsideUnmarked, isUnmarkedElement, mayHoldNumber } from './marking-rules'
import type { NumberMarks } from './number-marks'

/** The longest a slice works before the page's own tasks get their turn. */
export const SLICE_BUDGET_MS = 8

type Root = Node

export class PageScanner {
  readonly #marks: NumberMarks
  readonly #country: () => string
  readonly #observer: MutationObserver
  /** Subtrees waiting to be read, in order; the one being read, and the node reached in it. */
  readonly #pending: Root[] = []
  #root: Root | undefined
  #at: Node | undefined
  #scheduled = false
  readonly #wake = new MessageChannel()
  #stopped = false
  readonly #shadowRoots = new Set<ShadowRoot>()

  constructor(marks: NumberMarks, country: () => string) {
    this.#marks = marks
    this.#country = country
    this.#observer = new MutationObserver((records) => this.#changed(records))
    this.#wake.port1.onmessage = () => this.#slice()
  }

  /** The open shadow roots found so far, for hit-testing the pointer inside them. */
  get shadowRoots(): ShadowRoot[] {
    return [...this.#shadowRoots]
  }

  /** Reads the whole document and then follows its changes. */
  start(document: Document): void {
    // A document the user edits as a whole (designMode) is a form of its own: nothing in it is marked.
    if (document.designMode === 'on') return
    this.#stopped = false
    this.#observer.observe(document, { childList: true, subtree: true, characterData: true })
    for (const root of this.#shadowRoots) this.#observeShadow(root)
    this.#queue(document)
  }

  /** Forgets every mark and stops reading (the user turned marking off for this site). */
  stop(): void {
    this.#stopped = true
    this.#observer.disconnect()
    this.#pending.length = 0
    this.#root = undefined
    this.#at = undefined
    this.#marks.clear()
  }

  /** Reads everything again, e.g. after DeskDial told a country other than the browser's. */
  rescan(document: Document): void {
    this.stop()
    this.start(document)
  }

  #changed(records: MutationRecord[]): void {
    let removed = false
    for (const record of records) {
      if (record.type === 'characterData') this.#queue(record.target)
      for (const node of record.addedNodes) this.#queue(node)
      if (record.removedNodes.length > 0) removed = true
    }
    if (removed) this.#marks.forgetDetached()
  }

  #queue(root: Root): void {
    if (this.#stopped) return
    this.#pending.push(root)
    if (this.#scheduled) return
    this.#scheduled = true
    this.#wake.port2.postMessage(undefined)
  }

  #slice(): void {
    this.#scheduled = false
    const end = performance.now() + SLICE_BUDGET_MS
    while (performance.now() < end) {
      const node = this.#next()
      if (node === undefined) return this.#marks.paint()
      if (node.nodeType === Node.TEXT_NODE) this.#read(node as Text)
      else this.#enterShadow(node as Element)
    }
    this.#scheduled = true
    this.#wake.port2.postMessage(undefined)
  }

  /** The next element or text node to look at, across the queued subtrees. */
  #next(): Node | undefined {
    for (;;) {
      const next = this.#at && this.#after(this.#at)
      if (next) return (this.#at = next)
      const root = (this.#root = this.#pending.shift())
      this.#at = undefined
      if (root === undefined) return undefined
      if (!root.isConnected) continue
      if (root.nodeType === Node.TEXT_NODE) {
        if (!isInsideUnmarked(root)) return root
        continue
      }
      if (root instanceof Element && (isUnmarkedElement(root) || isInsideUnmarked(root))) continue
      this.#at = root
      if (root instanceof Element) return root
    }
  }

  /**
   * The node after `node` in document order within the root being read, leaving out comments and
   * the insides of unmarked elements: a walk by `firstChild` and `nextSibling`, which costs less
   * per node than a `TreeWalker` that calls back into script for each one.
   */
  #after(node: Node): Node | undefined {
    let next = node.firstChild
    for (;;) {
      while (next === null) {
        if (node === this.#root) return undefined
        next = node.nextSibling
        if (next === null) {
          const parent = node.parentNode
          // The node left the document part-way through: what replaced it is read on its own.
          if (parent === null) return undefined
          node = parent
        }
      }
      const type = next.nodeType
      if (type === Node.TEXT_NODE || (type === Node.ELEMENT_NODE && !isUnmarkedElement(next as Element))) return next
      node = next
      next = null
    }
  }

  #read(node: Text): void {
    const text = node.data
    if (!mayHoldNumber(text)) {
      this.#marks.forget(node)
      return
    }
    this.#marks.mark(node, findPhoneNumbers(text, this.#country()))
  }

  /** An open shadow root is read like the document, and watched on its own (a document's observer does not see into it). */
  #enterShadow(element: Element): void {
    const root = element.shadowRoot
    if (!root || this.#shadowRoots.has(root)) return
    this.#shadowRoots.add(root)
    this.#observeShadow(root)
    this.#pending.push(root)
  }

  #observeShadow(root: ShadowRoot): void {
    this.#observer.observe(root, { childList: true, subtree: true, characterData: true })
  }
}
