/**
 * The one place line-state documents meet an XML parser. Documents come from the network, so the
 * parser never sees a DTD (no entity definitions, hence no entity expansion, no external entities)
 * and never more than {@link MAX_DOCUMENT_BYTES}.
 */
import { DOMParser, type Element } from '@xmldom/xmldom'

/** Far above any real dialog-info or PIDF document (a few kilobytes even with several dialogs). */
export const MAX_DOCUMENT_BYTES = 64 * 1024

/** A document refused before or while parsing; the message says why, for the log. */
export class BadDocument extends Error {}

/** Parses `text` and returns its root element; throws {@link BadDocument} for anything unsafe or malformed. */
export function parseXmlDocument(text: string): Element {
  if (Buffer.byteLength(text, 'utf8') > MAX_DOCUMENT_BYTES)
    throw new BadDocument(`the document is larger than ${MAX_DOCUMENT_BYTES} bytes`)
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new BadDocument('the document declares a DTD or entities')
  let root: Element | null
  try {
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new BadDocument(message)
      }
    })
    root = parser.parseFromString(text, 'text/xml').documentElement
  } catch (error) {
    throw new BadDocument(`the document is not well-formed XML (${(error as Error).message})`)
  }
  if (!root) throw new BadDocument('the document has no root element')
  return root
}

/** The direct children of `parent` named `localName` in `namespace`. */
export function childElements(parent: Element, namespace: string, localName: string): Element[] {
  const found: Element[] = []
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    const element = node as Element
    if (node.nodeType === 1 && element.namespaceURI === namespace && element.localName === localName)
      found.push(element)
  }
  return found
}

/** The trimmed text of the first child `localName` in `namespace`, if any. */
export function childText(parent: Element, namespace: string, localName: string): string | undefined {
  return childElements(parent, namespace, localName)[0]?.textContent?.trim() || undefined
}
