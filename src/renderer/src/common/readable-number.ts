import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

/** "+12015550123" as people read it ("+1 201 555 0123"); anything else as it is. */
export function readableNumber(number: string): string {
  if (!number.startsWith('+')) return number
  return parsePhoneNumberFromString(number)?.formatInternational() ?? number
}
