/**
 * Presence documents (PIDF, RFC 3863, with RPID activities, RFC 4480) as Cisco CME sends them to
 * watchers: `open` with an on-the-phone (or similar busy) activity is in a call, `open` alone is
 * idle, `closed` is unknown. CME says nothing about ringing or the caller.
 */
import { BadDocument, childElements, parseXmlDocument } from './xml-document'
import type { LineState } from './line-status'
import type { Element } from '@xmldom/xmldom'

export const PIDF_NAMESPACE = 'urn:ietf:params:xml:ns:pidf'
const MAX_TUPLES = 32

/** Activities (in any namespace: RPID, Cisco's own, a data model person) that mean the line is in use. */
const BUSY_MARKERS = new Set(['on-the-phone', 'busy', 'in-use', 'inuse', 'in-a-call'])

function descendants(root: Element): Element[] {
  const all: Element[] = []
  const visit = (element: Element): void => {
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType !== 1) continue
      all.push(node as Element)
      if (all.length > 1_000) throw new BadDocument('the document has too many elements')
      visit(node as Element)
    }
  }
  visit(root)
  return all
}

/** Reads a PIDF document into a line state; throws {@link BadDocument} when it is not one. */
export function parsePidf(text: string): LineState {
  const root = parseXmlDocument(text)
  if (root.namespaceURI !== PIDF_NAMESPACE || root.localName !== 'presence')
    throw new BadDocument('the document is not PIDF presence')
  const tuples = childElements(root, PIDF_NAMESPACE, 'tuple')
  if (tuples.length > MAX_TUPLES) throw new BadDocument(`the document has more than ${MAX_TUPLES} tuples`)
  const basics = tuples.flatMap((tuple) =>
    childElements(tuple, PIDF_NAMESPACE, 'status').flatMap((status) =>
      childElements(status, PIDF_NAMESPACE, 'basic').map((basic) => basic.textContent?.trim().toLowerCase())
    )
  )
  if (!basics.includes('open')) return 'unknown'
  const busy = descendants(root).some((element) => {
    const name = element.localName?.toLowerCase() ?? ''
    const text =
      element.childNodes.length === 1 ? (element.textContent?.trim().toLowerCase().replace(/\s+/g, '-') ?? '') : ''
    return BUSY_MARKERS.has(name) || ((name === 'activities' || name === 'note') && BUSY_MARKERS.has(text))
  })
  return busy ? 'in-call' : 'idle'
}
