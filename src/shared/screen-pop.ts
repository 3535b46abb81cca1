/** The screen-pop URL template of Settings: a web page (a CRM's search) opened for the caller when the desk phone rings. */

/** What the template's `{e164}` stands for. */
export const SCREEN_POP_PLACEHOLDER = '{e164}'

/** Empty (no screen pop) or an https URL; `{e164}` may stand anywhere in it. */
export function isScreenPopTemplate(template: string): boolean {
  if (template === '') return true
  try {
    return new URL(template.replaceAll(SCREEN_POP_PLACEHOLDER, '0')).protocol === 'https:'
  } catch {
    return false
  }
}

/** The template with every `{e164}` replaced by the caller's number, URL-encoded ("+49…" becomes "%2B49…"). */
export function screenPopUrl(template: string, e164: string): string {
  return template.replaceAll(SCREEN_POP_PLACEHOLDER, encodeURIComponent(e164))
}
