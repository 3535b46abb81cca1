/**
 * Finding the phone numbers in a page's text, for the browser extension's content script. Pure
 * TypeScript: no DOM, no Electron; the content script hands it one text node's text at a time.
 *
 * libphonenumber-js (with the `max` metadata, so a number must be valid, not only of a possible
 * length) finds the candidates; look-alikes with a shape of their own (dates, IBANs, amounts, ...)
 * are hidden from it first (./look-alikes), and the context of each candidate then decides
 * (./candidate-context, ./labels). Extensions stay with their number (./extensions).
 */
import { findNumbers, isSupportedCountry } from 'libphonenumber-js/max'
import { isWrittenLikeANumber, standsAlone } from './candidate-context'
import { type Dialling, diallingOf, diallingOfLabelled, extensionAfter, findLabelledExtensions } from './extensions'
import { findLookAlikes, hideLookAlikes } from './look-alikes'

export { countryFromLanguage } from './country-from-language'

/** A phone number found in a text. */
export interface FoundNumber {
  /** Offset of the first character in the text (UTF-16 code units). */
  start: number
  /** Offset just after the last character. */
  end: number
  /** `text.slice(start, end)`: the number as the page shows it, with its extension. */
  shown: string
  /**
   * What to dial: E.164 ("+492015550123"); with ";ext=12" for an extension reached after the call
   * connects ("ext. 12"); joined for a German or Austrian direct-dial extension ("0201 5550-12" is
   * "+49201555012"); the bare digits for an internal extension ("Durchwahl 1234").
   */
  dial: string
  /** The extension's digits, when the number has one. */
  extension?: string
  /** `public` for a number of the phone network, `internal` for an extension of the phone system. */
  kind: 'public' | 'internal'
}

/** Fewer digits than this cannot hold a public phone number; such a text is only checked for extensions. */
const FEWEST_PUBLIC_DIGITS = 6
/** Fewer digits than this cannot hold even a labelled extension. */
const FEWEST_EXTENSION_DIGITS = 2
/** Thin, narrow and other typographic spaces libphonenumber does not take for separators. */
const TYPOGRAPHIC_SPACES = /[\u2000-\u200a\u202f\u205f]/g

/** How many digits `text` holds, counting no further than `enough`. */
function countDigits(text: string, enough: number): number {
  let count = 0
  for (let i = 0; i < text.length && count < enough; i += 1) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57) count += 1
  }
  return count
}

function foundNumber(
  text: string,
  start: number,
  end: number,
  kind: FoundNumber['kind'],
  dialling: Dialling
): FoundNumber {
  const number: FoundNumber = { start, end, shown: text.slice(start, end), dial: dialling.dial, kind }
  if (dialling.extension !== undefined) number.extension = dialling.extension
  return number
}

/**
 * The phone numbers in `text`, in order, for a reader in `readerCountry` (ISO 3166 alpha-2, "DE" or "de"):
 * national numbers are read as that country's; "+" and "00" numbers of any country are found too.
 * Texts with fewer than two digits return at once, texts with fewer than six are only checked for
 * labelled extensions, so scanning a page's many short text nodes costs little.
 */
export function findPhoneNumbers(text: string, readerCountry: string): FoundNumber[] {
  const country = readerCountry.toUpperCase()
  const digits = countDigits(text, FEWEST_PUBLIC_DIGITS)
  if (digits < FEWEST_EXTENSION_DIGITS) return []
  if (digits < FEWEST_PUBLIC_DIGITS && findLabelledExtensions(text).length === 0) return []
  const spaced = text.replace(TYPOGRAPHIC_SPACES, ' ')
  const scanned = hideLookAlikes(spaced, findLookAlikes(spaced))
  const found: FoundNumber[] = []
  const directDialBases: { at: number; base: string }[] = []
  // A text whose digits are all in look-alikes (a date, an amount) is not given to libphonenumber.
  if (countDigits(scanned, FEWEST_PUBLIC_DIGITS) >= FEWEST_PUBLIC_DIGITS) {
    const defaultCountry = isSupportedCountry(country) ? country : undefined
    for (const match of findNumbers(scanned, { defaultCountry, v2: true })) {
      // libphonenumber guesses where an inner match starts, and may take a space before it.
      const start = match.startsAt + (/^\s+/.exec(scanned.slice(match.startsAt, match.endsAt))?.[0].length ?? 0)
      let end = match.endsAt
      if (!isWrittenLikeANumber(scanned.slice(start, end), country, match.number)) continue
      let dialling = diallingOf(match.number, scanned.slice(start, end))
      const extension = extensionAfter(scanned, end, match.number, dialling)
      if (extension) {
        end += extension.length
        dialling = extension.dialling
      }
      if (!standsAlone(scanned, start, end)) continue
      found.push(foundNumber(text, start, end, 'public', dialling))
      if (dialling.directDialBase) directDialBases.push({ at: start, base: dialling.directDialBase })
    }
  }
  for (const extension of findLabelledExtensions(scanned)) {
    if (found.some((number) => number.start < extension.end && extension.start < number.end)) continue
    const base = directDialBases.findLast((candidate) => candidate.at < extension.start)?.base
    const dialling = diallingOfLabelled(extension, base)
    const kind = dialling.directDialBase ? 'public' : 'internal'
    found.push(foundNumber(text, extension.start, extension.end, kind, dialling))
  }
  return found.sort((a, b) => a.start - b.start)
}
