/**
 * Phone numbers in a page's text. A plain reading with libphonenumber's `findNumbers`; the
 * heuristics that tell numbers from dates, amounts and references replace it (branch r4-detect).
 */
import { findNumbers, isSupportedCountry, type CountryCode } from 'libphonenumber-js/max'

export interface FoundNumber {
  /** Where the number starts and ends in the text (UTF-16 offsets, end exclusive). */
  start: number
  end: number
  /** The number as the page shows it. */
  shown: string
  /** The number to dial, in E.164. */
  dial: string
  /** The extension digits, when the text gives one. */
  extension?: string
}

/** The phone numbers in `text`, read as numbers of `country` (ISO 3166-1 alpha-2) unless written internationally. */
export function findPhoneNumbers(text: string, country: string): FoundNumber[] {
  const defaultCountry = isSupportedCountry(country.toUpperCase()) ? (country.toUpperCase() as CountryCode) : undefined
  return findNumbers(text, { defaultCountry, v2: true }).map(({ number, startsAt, endsAt }) => {
    const found: FoundNumber = {
      start: startsAt,
      end: endsAt,
      shown: text.slice(startsAt, endsAt),
      dial: number.number
    }
    if (number.ext) found.extension = number.ext
    return found
  })
}

/** The country of a browser language tag such as "de-CH" or "en-GB"; `undefined` when it names none. */
export function countryFromLanguage(language: string): string | undefined {
  const region = language
    .split(/[-_]/)
    .slice(1)
    .find((part) => /^[A-Za-z]{2}$/.test(part))
  const country = region?.toUpperCase()
  return country !== undefined && isSupportedCountry(country) ? country : undefined
}
