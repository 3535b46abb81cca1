import { digitsOf } from './digits-of'

/** A number the quick-dial window offers as it is: what the user typed, or the number on the clipboard. */
export interface OfferedNumber {
  kind: 'typed' | 'clipboard'
  number: string
}

/** What a typed phone number may contain. */
const NUMBER_TYPED = /^\+?[\d\s\-()./*#]+$/

/**
 * The numbers quick dial offers before contacts and recent calls, best first. With nothing typed:
 * the clipboard number. Once the user has typed, what they typed comes first, so Enter never
 * dials a clipboard number that merely contains the typed digits; the clipboard number follows
 * when it contains the typed digits and is not the same number.
 */
export function offeredNumbers(query: string, clipboard: string | undefined): OfferedNumber[] {
  const typed = query.trim()
  const typedDigits = digitsOf(typed)
  const clipboardDigits = digitsOf(clipboard ?? '')
  const typedNumber = NUMBER_TYPED.test(typed) && typedDigits !== ''
  const offers: OfferedNumber[] = typedNumber ? [{ kind: 'typed', number: typed }] : []
  const clipboardMatches = typed === '' || (typedDigits !== '' && clipboardDigits.includes(typedDigits))
  if (clipboard && clipboardMatches && !(typedNumber && typedDigits === clipboardDigits))
    offers.push({ kind: 'clipboard', number: clipboard })
  return offers
}
