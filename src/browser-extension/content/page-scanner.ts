/**
 * Finds and marks the numbers of a document in slices: each slice works for at most
 * {@link SLICE_BUDGET_MS} and then gives the page its turn (a `setTimeout`, which, unlike
 * `scheduler.yield`, does not hold back the page's `load` event and timers). Content that scripts
 * add or change later is watched by one MutationObserver per document and open shadow root, and
 * only the changed subtrees are read again.
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
  /** Subtrees waiting to be read, in order; a walker over the first one, part-way through. */
  readonly #pending: Root[] = []
  #walker: TreeWalker | undefined
  #scheduled = false
  #stopped = false
  readonly #shadowRoots = new Set<ShadowRoot>()

  constructor(marks: NumberMarks, country: () => string) {
    this.#marks = marks
    this.#country = country
    this.#observer = new MutationObserver((records) => this.#changed(records))
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
    this.#walker = undefined
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
    setTimeout(() => this.#slice(), 0)
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
    setTimeout(() => this.#slice(), 0)
  }

  /** The next element or text node to look at, across the queued subtrees. */
  #next(): Node | undefined {
    for (;;) {
      const next = this.#walker?.nextNode()
      if (next) return next
      const root = this.#pending.shift()
      if (root === undefined) return undefined
      if (!root.isConnected) continue
      if (root.nodeType === Node.TEXT_NODE) {
        this.#walker = undefined
        if (!isInsideUnmarked(root)) return root
        continue
      }
      if (root instanceof Element && (isUnmarkedElement(root) || isInsideUnmarked(root))) continue
      this.#walker = this.#walkerFor(root)
      if (root instanceof Element) return root
    }
  }

  #walkerFor(root: Node): TreeWalker {
    const document = root.ownerDocument ?? (root as Document)
    return document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.nodeType === Node.ELEMENT_NODE && isUnmarkedElement(node as Element)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT
    })
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
