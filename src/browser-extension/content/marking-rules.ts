/**
 * Which text the content script may mark: not what the user types (inputs, textareas, selects,
 * contenteditable), not code, and not text that already does something when clicked (links and
 * buttons), where a second click target would get in the way.
 */
const UNMARKED_SELECTOR =
  'input, textarea, select, option, code, pre, script, style, noscript, template, a[href], button, [role="button"], [contenteditable]:not([contenteditable="false"]), deskdial-ui'

const UNMARKED_NAMES = new Set([
  'input',
  'textarea',
  'select',
  'option',
  'code',
  'pre',
  'script',
  'style',
  'noscript',
  'template',
  'button',
  'deskdial-ui'
])

/**
 * Whether the element's own text (and everything inside it) stays unmarked. Attributes only:
 * `isContentEditable` would make the browser recompute styles after every new mark, which on a big
 * page costs seconds; an editable region is found by its `contenteditable` ancestor instead.
 */
export function isUnmarkedElement(element: Element): boolean {
  // Most elements have no attributes that matter: their name decides, without matching a selector.
  if (UNMARKED_NAMES.has(element.localName)) return true
  return element.attributes.length > 0 && element.matches(UNMARKED_SELECTOR)
}

/** Whether a text node lies inside an element that stays unmarked, looking through shadow roots to their hosts. */
export function isInsideUnmarked(node: Node): boolean {
  if (node.ownerDocument?.designMode === 'on') return true
  let element: Element | null = node.parentElement
  while (element) {
    if (element.closest(UNMARKED_SELECTOR)) return true
    const root = element.getRootNode()
    element = root instanceof ShadowRoot ? root.host : null
  }
  return false
}

/** A cheap test before the full reading: a phone number has at least five digits. */
export function mayHoldNumber(text: string): boolean {
  let digits = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57 && ++digits >= 5) return true
  }
  return false
}
