import { digitsOf } from './digits-of'

/**
 * A number the quick-dial window offers as it is: the number in the primary selection (Linux: the
 * text just selected in any program), what the user typed, or the number on the clipboard.
 */
export interface OfferedNumber {
  kind: 'selection' | 'typed' | 'clipboard'
  number: string
}

/** What a typed phone number may contain. */
const NUMBER_TYPED = /^\+?[\d\s\-()./*#]+$/

/**
 * The numbers quick dial offers before contacts and recent calls, best first: the selection's
 * number (what the user just selected is what they mean to call), then what they typed, then the
 * clipboard number. Once the user has typed, the selection's and the clipboard's numbers are
 * offered only when they contain the typed digits, and what they typed comes before the clipboard
 * number, so Enter never dials a clipboard number that merely contains the typed digits. The same
 * number is offered once, where it comes first.
 */
export function offeredNumbers(query: string, clipboard: string | undefined, selection?: string): OfferedNumber[] {
  const typed = query.trim()
  const typedDigits = digitsOf(typed)
  const matches = (number: string | undefined): number is string =>
    !!number && (typed === '' || (typedDigits !== '' && digitsOf(number).includes(typedDigits)))
  const candidates: OfferedNumber[] = []
  if (matches(selection)) candidates.push({ kind: 'selection', number: selection })
  if (NUMBER_TYPED.test(typed) && typedDigits !== '') candidates.push({ kind: 'typed', number: typed })
  if (matches(clipboard)) candidates.push({ kind: 'clipboard', number: clipboard })
  const offered = new Set<string>()
  return candidates.filter((offer) => {
    const digits = digitsOf(offer.number)
    if (offered.has(digits)) return false
    offered.add(digits)
    return true
  })
}
