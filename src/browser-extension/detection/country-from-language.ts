/**
 * The country whose numbers a reader most likely means, from the browser's language when DeskDial's
 * settings are not at hand: the region of the tag ("de-AT" is Austria), else the language's main
 * country ("de" is Germany, "ja" Japan). English alone names no country (it is every browser's
 * second language), nor does a tag libphonenumber has no numbering plan for.
 */
import { isSupportedCountry } from 'libphonenumber-js/max'

/** Languages spoken as a first language in too many countries to pick one. */
const NO_MAIN_COUNTRY = new Set(['en', 'ar', 'zh'])

export function countryFromLanguage(language: string): string | undefined {
  let locale: Intl.Locale
  try {
    locale = new Intl.Locale(language.trim().replace(/_/g, '-'))
  } catch {
    return undefined
  }
  const region = locale.region ?? (NO_MAIN_COUNTRY.has(locale.language) ? undefined : locale.maximize().region)
  return region !== undefined && isSupportedCountry(region) ? region : undefined
}
