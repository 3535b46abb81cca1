/**
 * Reading the digits of a phone number written by a person or carried by a link: the one place
 * that decides which characters a number may contain, shared by links, the dial plan and the
 * clipboard search so that all three refuse the same things with the same words.
 */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js'

import { MAX_DIAL_DIGITS } from '../../shared/dial-limits'

/** RFC 3966 visual separators, plus the space that `%20` decodes to. */
export const LINK_SEPARATORS = /[-.() ]/g

/**
 * What people put between digits: the link separators, `/` ("0201/555 0123"), and the no-break
 * spaces and dashes that word processors and web pages substitute for plain ones.
 */
export const WRITTEN_SEPARATORS = /[-.()/ \u00A0\u2009\u202F\u2010\u2011\u2013]/g

export type PhoneDigitsProblem =
  | 'control'
  | 'invisible'
  | 'foreign-digits'
  | 'letters'
  | 'characters'
  | 'plus-repeated'
  | 'plus-misplaced'
  | 'plus-with-code'
  | 'trunk-zero-misplaced'
  | 'no-digits'
  | 'too-long'

/** Why a text is not a phone number, worded to end a sentence such as "This number cannot be dialled: …". */
export const PHONE_DIGITS_PROBLEMS: Readonly<Record<PhoneDigitsProblem, string>> = {
  control: 'it contains hidden control characters such as line breaks',
  invisible:
    'it contains invisible formatting characters (such as text-direction marks) that could disguise the number',
  'foreign-digits':
    'it uses digits from another writing system (such as fullwidth or Arabic-Indic digits); write it with the digits 0 to 9',
  letters:
    'it contains letters; DeskDial cannot dial a number spelled with letters (a vanity number such as 1-800-FLOWERS), so write it in digits',
  characters: 'it contains characters a phone number cannot have',
  'plus-repeated': 'it has more than one +',
  'plus-misplaced': 'a + can only stand at the very beginning',
  'plus-with-code': 'a number that starts with + cannot contain * or #',
  'trunk-zero-misplaced':
    'it has a (0) that does not follow a country code such as +44, so it is unclear whether that 0 is to be dialled; write the number without the brackets',
  'no-digits': 'it has no digits',
  'too-long': `it has more than ${MAX_DIAL_DIGITS} digits`
}

export type PhoneDigits = { ok: true; number: string; global: boolean } | { ok: false; problem: PhoneDigitsProblem }

const CONTROL = /[\p{Cc}\u2028\u2029]/u
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/
const FOREIGN_DIGIT = /(?![0-9])\p{Nd}/u
/** Digits mixed with letters and nothing else: a vanity number, a name or an account. */
const DIGITS_AND_LETTERS = /^[0-9*#+\p{L}]*$/u
/** "+49 (0)201 …": the national trunk prefix written in brackets after the country code. */
const BRACKETED_TRUNK_ZERO = /\(0\)/g
/** The country code in front of a bracketed trunk prefix, written with + or 00, separators removed. */
const COUNTRY_CODE_PREFIX = /^(?:\+|00)([1-9][0-9]{0,2})$/
const COUNTRY_CALLING_CODES: ReadonlySet<string> = new Set(
  getCountries().map((country) => getCountryCallingCode(country))
)

/**
 * The problem with characters that must never reach a dial string whatever the context:
 * control characters, invisible formatting characters and digits of other writing systems.
 */
export function hiddenCharacterProblem(text: string): PhoneDigitsProblem | undefined {
  if (CONTROL.test(text)) return 'control'
  if (INVISIBLE.test(text)) return 'invisible'
  if (FOREIGN_DIGIT.test(text)) return 'foreign-digits'
  return undefined
}

/**
 * Reads `text` as a phone number: removes `separators` and a bracketed trunk prefix "(0)" right
 * after a country code ("+49 (0)201", "0049 (0)201"), then accepts only ASCII digits, `*`, `#`
 * and one leading `+`. A "(0)" after other digits is refused: dropping it could turn "9(0)11"
 * into 911, keeping it could dial a wrong number. Before any digit, its brackets are separators.
 * `number` keeps the `+`; `global` says whether it has one.
 */
export function readPhoneDigits(text: string, separators: RegExp): PhoneDigits {
  const hidden = hiddenCharacterProblem(text)
  if (hidden) return { ok: false, problem: hidden }
  let trunkZeroMisplaced = false
  const withoutTrunkZero = text.replace(BRACKETED_TRUNK_ZERO, (trunkZero: string, offset: number) => {
    const before = text.slice(0, offset).replace(separators, '')
    if (!/[0-9]/.test(before)) return trunkZero
    const countryCode = COUNTRY_CODE_PREFIX.exec(before)?.[1]
    if (countryCode !== undefined && COUNTRY_CALLING_CODES.has(countryCode)) return ''
    trunkZeroMisplaced = true
    return trunkZero
  })
  const number = withoutTrunkZero.replace(separators, '')
  if (!/^[0-9*#+]*$/.test(number))
    return { ok: false, problem: DIGITS_AND_LETTERS.test(number) ? 'letters' : 'characters' }
  const pluses = number.split('+').length - 1
  if (pluses > 1) return { ok: false, problem: 'plus-repeated' }
  if (pluses === 1 && !number.startsWith('+')) return { ok: false, problem: 'plus-misplaced' }
  const global = pluses === 1
  const digitCount = number.length - pluses
  if (digitCount === 0) return { ok: false, problem: 'no-digits' }
  if (digitCount > MAX_DIAL_DIGITS) return { ok: false, problem: 'too-long' }
  if (global && /[*#]/.test(number)) return { ok: false, problem: 'plus-with-code' }
  if (trunkZeroMisplaced) return { ok: false, problem: 'trunk-zero-misplaced' }
  return { ok: true, number, global }
}
