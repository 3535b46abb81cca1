/**
 * The dial plan: from what a person typed or clicked to the digits the phone system must receive
 * in the Refer-To user part (SRST and CME dial digits, never a display string).
 *
 * Numbers are read with libphonenumber-js's default "min" metadata: its `isValid()` checks each
 * country's number lengths and overall number pattern, which catches typos, while the stricter
 * per-type patterns of "max" would also refuse real numbers from ranges newer than the metadata,
 * and DeskDial offers no way around a refusal. Whether a number exists is the phone system's call
 * (it answers 404 or 484, which the user is shown).
 */
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCallingCode,
  type CountryCode,
  type PhoneNumber
} from 'libphonenumber-js'
import type { DialPlanSettings } from '../../shared/app-settings'
import { PHONE_DIGITS_PROBLEMS, readPhoneDigits, WRITTEN_SEPARATORS, type PhoneDigits } from './phone-digits'

/**
 * - `internal`: an extension of the phone system, dialled as it is.
 * - `national`: a number with the desk phone's country calling code (so also Canada from the US).
 * - `international`: a number with another country calling code.
 * - `service`: an emergency number, a feature code with `*` or `#`, or a public short number.
 */
export type DialKind = 'internal' | 'national' | 'international' | 'service'

export type DialPlanResult =
  | {
      ok: true
      /** Exactly what goes into the Refer-To user part: digits, `*`, `#` and possibly a leading `+`. */
      dialString: string
      /** The same digits grouped for people, e.g. "0 0201 5550123". */
      display: string
      kind: DialKind
      /** The number in E.164 form, for national and international numbers. */
      e164?: string
    }
  | { ok: false; error: string }

/** Longer input is refused before it is read. */
const MAX_DIAL_INPUT_LENGTH = 100

const MAX_EXTENSION_LENGTH = 15
const NANP_CALLING_CODE = '1'

interface ShortNumbers {
  /** Police, fire and ambulance numbers: dialled exactly as typed. */
  emergency: readonly string[]
  /** Public short numbers that are not emergencies: dialled as typed after the outside-line prefix. */
  service?: RegExp
}

const NANP_SHORT_NUMBERS: ShortNumbers = { emergency: ['911'], service: /^(?:[2-8]11|988)$/ }

/**
 * Short numbers by desk-phone country; other countries get `OTHER_COUNTRIES`. Only these are
 * treated as service numbers: any other short number is refused as too short, unless it has the
 * length of an internal extension.
 */
const SHORT_NUMBERS: Readonly<Partial<Record<CountryCode, ShortNumbers>>> = {
  AT: { emergency: ['112', '122', '133', '144'], service: /^116\d{3}$/ },
  AU: { emergency: ['000', '112'] },
  CA: NANP_SHORT_NUMBERS,
  CH: { emergency: ['112', '117', '118', '144', '1414'], service: /^(?:116\d{3}|143|145|147)$/ },
  DE: { emergency: ['110', '112'], service: /^(?:115|116\d{3}|118\d{2,3})$/ },
  FR: {
    emergency: ['112', '15', '17', '18', '114', '115', '119', '191', '196'],
    service: /^(?:116\d{3}|118\d{3}|3\d{3})$/
  },
  GB: { emergency: ['999', '112'], service: /^(?:101|105|111|116\d{3}|118\d{3})$/ },
  IN: { emergency: ['112', '100', '101', '102', '108'] },
  US: NANP_SHORT_NUMBERS
}

/** 112 (GSM, Europe) and 911 (the Americas) are the numbers phone systems most often route everywhere. */
const OTHER_COUNTRIES: ShortNumbers = { emergency: ['112', '911'] }

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' })

interface HomePlan {
  country: CountryCode
  callingCode: CountryCallingCode
  outsideLinePrefix: string
  internationalPrefix: string
  internalExtensionLength: number
  dialE164WithPlus: boolean
  shortNumbers: ShortNumbers
}

type Refusal = { ok: false; error: string }

/**
 * Turns what a person typed (or the number of a link or contact) into the dial string for the
 * phone system, applying `plan`. Type numbers without the outside-line prefix: DeskDial adds it.
 *
 * In this order:
 * 1. Feature codes (anything with `*` or `#`, e.g. "*67") go to the phone system as typed.
 * 2. Emergency numbers of the desk phone's country are dialled exactly as typed, never with an
 *    added outside-line prefix: US law (Kari's Law) requires phone systems to route 911 without
 *    one, and phone systems elsewhere route 112 the same way. Typed with the outside-line prefix
 *    in front ("9911", "0112") they are dialled as typed too.
 * 3. Internal extensions: digits only, `internalExtensionLength` of them, dialled as typed.
 * 4. Public short numbers (116 117, N11, 118 xx) are dialled as typed after the outside-line
 *    prefix, also in E.164 mode: they have no E.164 form.
 * 5. Everything else is read with libphonenumber from `plan.country` ("+", "00", the country's own
 *    international prefix such as "011" or "0011", and "+49 (0)201" with the bracketed trunk
 *    prefix dropped) and dialled in E.164 form with `dialE164WithPlus`, otherwise the outside-line
 *    prefix plus either the national form (with the trunk prefix, e.g. "0201…" in Germany; in
 *    North America "1" and ten digits, which carriers accept for local and long-distance calls
 *    alike) or the international prefix, country code and number.
 */
export function planDial(input: string, plan: DialPlanSettings): DialPlanResult {
  const settings = readPlan(plan)
  if (!settings.ok) return settings
  const home = settings.plan
  const text = input.trim()
  if (text.length === 0) return { ok: false, error: 'There is nothing to dial: type a number or an extension.' }
  if (text.length > MAX_DIAL_INPUT_LENGTH) return refuse(`it is longer than ${MAX_DIAL_INPUT_LENGTH} characters`)
  const digits = readPhoneDigits(text, WRITTEN_SEPARATORS)
  if (!digits.ok) return refuse(PHONE_DIGITS_PROBLEMS[digits.problem])
  if (!digits.global) {
    const typed = digits.number
    if (/[*#]/.test(typed) || isEmergencyNumber(typed, home)) return planned([typed], 'service')
    if (typed.length === home.internalExtensionLength) return planned([typed], 'internal')
    if (home.shortNumbers.service?.test(typed)) return planned([home.outsideLinePrefix, typed], 'service')
  }
  const phone = findPublicNumber(digits, home)
  if (!phone) return { ok: false, error: describeInvalid(digits, home) }
  return planPublicNumber(phone, home)
}

function refuse(reason: string): Refusal {
  return { ok: false, error: `This number cannot be dialled: ${reason}.` }
}

function readPlan(plan: DialPlanSettings): { ok: true; plan: HomePlan } | Refusal {
  const country = plan.country.toUpperCase()
  if (!isSupportedCountry(country)) {
    return {
      ok: false,
      error: 'The dial plan has no valid country: choose the country of your desk phone in Settings.'
    }
  }
  if (!/^[0-9*#]{0,8}$/.test(plan.outsideLinePrefix)) {
    return {
      ok: false,
      error: 'The outside-line prefix in Settings may contain only digits, * and #: correct it in Settings.'
    }
  }
  if (!/^[0-9]{0,8}$/.test(plan.internationalPrefix)) {
    return {
      ok: false,
      error:
        'The international prefix in Settings may contain only digits (for example 00 or 011): correct it in Settings.'
    }
  }
  const extensionLength = plan.internalExtensionLength
  if (!Number.isInteger(extensionLength) || extensionLength < 0 || extensionLength > MAX_EXTENSION_LENGTH) {
    return {
      ok: false,
      error: `The extension length in Settings must be a whole number from 0 to ${MAX_EXTENSION_LENGTH}: correct it in Settings.`
    }
  }
  return {
    ok: true,
    plan: {
      country,
      callingCode: getCountryCallingCode(country),
      outsideLinePrefix: plan.outsideLinePrefix,
      internationalPrefix: plan.internationalPrefix,
      internalExtensionLength: extensionLength,
      dialE164WithPlus: plan.dialE164WithPlus,
      shortNumbers: SHORT_NUMBERS[country] ?? OTHER_COUNTRIES
    }
  }
}

function isEmergencyNumber(typed: string, home: HomePlan): boolean {
  return home.shortNumbers.emergency.some((number) => typed === number || typed === home.outsideLinePrefix + number)
}

/**
 * Builds a result from display groups: the dial string is their digits, the display joins the
 * non-empty groups with spaces ("9", "011", "49 201 5550123").
 */
function planned(groups: readonly string[], kind: DialKind, e164?: string): DialPlanResult {
  return {
    ok: true,
    dialString: groups.map((group) => group.replace(/[^0-9*#+]/g, '')).join(''),
    display: groups.filter((group) => group.length > 0).join(' '),
    kind,
    ...(e164 === undefined ? {} : { e164 })
  }
}

/**
 * A valid public number: with +, national or after the country's own international prefix
 * (libphonenumber knows "011" in the US, "0011" in Australia), or after "00" as most of the world writes it.
 */
function findPublicNumber(digits: Extract<PhoneDigits, { ok: true }>, home: HomePlan): PhoneNumber | undefined {
  if (digits.global) return valid(parsePhoneNumberFromString(digits.number))
  const fromHome = valid(parsePhoneNumberFromString(digits.number, home.country))
  if (fromHome || !digits.number.startsWith('00')) return fromHome
  return valid(parsePhoneNumberFromString(`+${digits.number.slice(2)}`))
}

function valid(phone: PhoneNumber | undefined): PhoneNumber | undefined {
  return phone?.isValid() ? phone : undefined
}

function planPublicNumber(phone: PhoneNumber, home: HomePlan): DialPlanResult {
  const kind = phone.countryCallingCode === home.callingCode ? 'national' : 'international'
  const international = phone.formatInternational()
  if (home.dialE164WithPlus) return planned([international], kind, phone.number)
  const withoutPlus = international.slice(1)
  if (kind === 'national') {
    const national = home.callingCode === NANP_CALLING_CODE ? withoutPlus : phone.formatNational()
    return planned([home.outsideLinePrefix, national], kind, phone.number)
  }
  if (home.internationalPrefix.length === 0) {
    return {
      ok: false,
      error: 'To call numbers abroad, set the international prefix (for example 00 or 011) in Settings.'
    }
  }
  return planned([home.outsideLinePrefix, home.internationalPrefix, withoutPlus], kind, phone.number)
}

function describeInvalid(digits: Extract<PhoneDigits, { ok: true }>, home: HomePlan): string {
  const where = digits.global
    ? 'for its country code'
    : `in the dial plan's country (${regionNames.of(home.country) ?? home.country})`
  switch (validatePhoneNumberLength(digits.number, digits.global ? undefined : home.country)) {
    case 'TOO_SHORT': {
      const extension =
        !digits.global && home.internalExtensionLength > 0
          ? ` and is not a ${home.internalExtensionLength}-digit extension`
          : ''
      return `This number is too short for a phone number ${where}${extension}: check it, and add the area code if it is missing.`
    }
    case 'TOO_LONG':
      return `This number has too many digits for a phone number ${where}: check it for extra digits.`
    case 'INVALID_COUNTRY':
      return 'This number does not start with a known country code: check the digits after the + or the 00.'
    default:
      return `This is not a valid phone number ${where}: check it, and write numbers abroad with + and the country code.`
  }
}
