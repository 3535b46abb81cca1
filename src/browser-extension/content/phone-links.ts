/**
 * The page's own `tel:`, `callto:` and `sip:` links: a trusted click dials through DeskDial
 * instead of asking the browser to open another application. A click a page script makes
 * (`isTrusted` false) is left alone: it never dials, and the browser refuses to open an external
 * application without a user gesture.
 */
const PHONE_SCHEMES = ['tel:', 'callto:', 'sip:']

/** The number a phone link carries, as the page wrote it: without scheme, parameters or the host of a sip: address. */
export function numberOfPhoneLink(href: string): string | undefined {
  const scheme = PHONE_SCHEMES.find((prefix) => href.toLowerCase().startsWith(prefix))
  if (!scheme) return undefined
  let rest = href.slice(scheme.length).replace(/^\/\//, '')
  rest = rest.split(/[;?]/)[0] ?? ''
  if (scheme === 'sip:') rest = rest.split('@')[0] ?? ''
  try {
    rest = decodeURIComponent(rest)
  } catch {
    return undefined
  }
  return rest.trim() === '' ? undefined : rest.trim()
}

export function watchPhoneLinks(target: Window, dial: (number: string) => void): void {
  target.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted || event.button !== 0) return
      const link = event
        .composedPath()
        .find(
          (node): node is HTMLAnchorElement | HTMLAreaElement =>
            (node instanceof HTMLAnchorElement || node instanceof HTMLAreaElement) && node.href !== ''
        )
      const number = link ? numberOfPhoneLink(link.href) : undefined
      if (number === undefined) return
      event.preventDefault()
      dial(number)
    },
    { capture: true }
  )
}
