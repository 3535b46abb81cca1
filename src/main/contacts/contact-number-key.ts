import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import { digitsOf } from '../../shared/digits-of'

/**
 * One spelling per number, so "0201 555-0123", "+49 201 5550123" and "0049 (0)201 5550123" are
 * the same number from Germany: E.164 when the number parses for `country`, else its digits
 * (internal extensions, service numbers).
 */
export function numberKey(number: string, country: string): string {
  const parsed = parsePhoneNumberFromString(number, { defaultCountry: country as CountryCode })
  return parsed?.isPossible() ? parsed.number : digitsOf(number)
}
