/**
 * Which numbers a trusted link may dial without asking. A page can open a link in a loop, so even
 * with "Dial links without asking" on, only ordinary numbers of the user's own country (and internal
 * extensions) are dialled at once; everything that can cost money or reach help always asks.
 */
import { parsePhoneNumberFromString, type NumberType } from 'libphonenumber-js/max'
import type { DialPlanSettings } from '../../shared/app-settings'
import { digitsOf } from '../../shared/digits-of'

/** Emergency and service short codes of many countries: never dialled by a link on its own. */
const EMERGENCY_AND_SERVICE = new Set([
  '000',
  '08',
  '10',
  '100',
  '101',
  '102',
  '103',
  '104',
  '108',
  '110',
  '111',
  '112',
  '113',
  '114',
  '115',
  '116',
  '117',
  '118',
  '119',
  '122',
  '123',
  '124',
  '125',
  '128',
  '133',
  '144',
  '15',
  '150',
  '155',
  '16',
  '17',
  '18',
  '190',
  '191',
  '192',
  '193',
  '194',
  '196',
  '197',
  '199',
  '311',
  '411',
  '511',
  '611',
  '711',
  '811',
  '911',
  '988',
  '999',
  '1122',
  '10111',
  '116000',
  '116111',
  '116117',
  '116123'
])

/** The kinds of number libphonenumber recognises that cost no more than an ordinary call. */
const ORDINARY: ReadonlySet<NumberType> = new Set<NumberType>([
  'FIXED_LINE',
  'MOBILE',
  'FIXED_LINE_OR_MOBILE',
  'TOLL_FREE'
])

export type LinkTrust = { automatic: true } | { automatic: false; why: string }

/** Whether a link's `number` (as the link wrote it) may be dialled without asking under `dialPlan`. */
export function linkTrust(number: string, dialPlan: DialPlanSettings): LinkTrust {
  const digits = digitsOf(number)
  if (EMERGENCY_AND_SERVICE.has(digits)) return { automatic: false, why: 'it is an emergency or service number' }
  if (
    !number.trim().startsWith('+') &&
    dialPlan.internalExtensionLength > 0 &&
    digits.length === dialPlan.internalExtensionLength
  )
    return { automatic: true }
  const parsed = parsePhoneNumberFromString(number, dialPlan.country as never)
  if (!parsed?.isValid()) return { automatic: false, why: 'DeskDial cannot tell what kind of number it is' }
  if (parsed.country !== dialPlan.country)
    return { automatic: false, why: 'it is an international or satellite number' }
  const type = parsed.getType()
  if (type === undefined || !ORDINARY.has(type))
    return { automatic: false, why: `it is a ${describeType(type)} number` }
  return { automatic: true }
}

function describeType(type: NumberType | undefined): string {
  if (type === 'PREMIUM_RATE') return 'premium-rate'
  if (type === 'SHARED_COST') return 'shared-cost'
  return 'special'
}
