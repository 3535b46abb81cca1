/**
 * The text around a number libphonenumber found decides whether it is one: a letter or digit glued to
 * it, a digit chain it continues ("3704 0044 0532"), a currency sign, a label such as "Order" or
 * "IBAN" before it, or a bare digit run in a country whose numbers are always written with their
 * trunk "0" ("20240512" in Germany is no phone number, "0201 555123" is).
 */
import type { PhoneNumber } from 'libphonenumber-js/max'
import { hasIdentifierLabel } from './labels'

/**
 * Countries whose national numbers are always written with the trunk prefix "0". Elsewhere (US/CA,
 * ES, IT, PT, PL, CZ, DK, NO) numbers have no trunk prefix, and in BR and IN it is usually left out.
 */
const WRITTEN_WITH_TRUNK_ZERO = new Set(['DE', 'AT', 'CH', 'FR', 'GB', 'NL', 'BE', 'SE', 'FI', 'IE', 'JP', 'AU', 'NZ'])

/** Scripts written without spaces between words, where a label may touch the number ("電話03-..."). */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u
const LETTER = /\p{L}/u
const GLUED_BEFORE = /[\d#№$€£¥₹₽₩₪¢@&_=*~^\\]/
const GLUED_AFTER = /[\d$€£¥₹₽₩₪¢%‰@&_=*°²³]/
/** A digit and one separator before the candidate: it continues a longer chain of digit groups. */
const CHAIN_BEFORE = /\d[ \u00a0.\-–/,:]$/
/** One separator and a digit after the candidate. */
const CHAIN_AFTER = /^[ \u00a0.\-–/,:]\d/

/** How far the word around a candidate is searched for signs of a web or e-mail address. */
const ADDRESS_REACH = 100
const WEB_OR_MAIL_ADDRESS = /:\/\/|www\.|@/

/** Whether the candidate sits in a web or e-mail address ("https://shop.example/orders/0201555123"). */
function isInAddress(scanned: string, start: number, end: number): boolean {
  let from = start
  while (from > 0 && start - from < ADDRESS_REACH && !/\s/.test(scanned[from - 1])) from -= 1
  let to = end
  while (to < scanned.length && to - end < ADDRESS_REACH && !/\s/.test(scanned[to])) to += 1
  return WEB_OR_MAIL_ADDRESS.test(scanned.slice(from, start)) || WEB_OR_MAIL_ADDRESS.test(scanned.slice(end, to))
}

function isGluedLetter(character: string | undefined): boolean {
  return character !== undefined && LETTER.test(character) && !UNSPACED_SCRIPT.test(character)
}

/** Whether the characters right around `start`..`end` of `scanned` make it part of something else. */
function isGluedToOtherText(scanned: string, start: number, end: number): boolean {
  const before = start > 0 ? scanned[start - 1] : undefined
  const after = end < scanned.length ? scanned[end] : undefined
  if (isGluedLetter(before) || isGluedLetter(after)) return true
  if (isInAddress(scanned, start, end)) return true
  if (before !== undefined && GLUED_BEFORE.test(before)) return true
  if (after !== undefined && GLUED_AFTER.test(after)) return true
  return (
    CHAIN_BEFORE.test(scanned.slice(Math.max(0, start - 2), start)) || CHAIN_AFTER.test(scanned.slice(end, end + 2))
  )
}

/** Whether the candidate starts with an international prefix ("+49", "0049", "(+44)", "011 49"). */
function isWrittenInternationally(shown: string, country: string): boolean {
  const lead = shown.replace(/^[(\s[]+/, '')
  if (lead.startsWith('+') || lead.startsWith('＋')) return true
  if (country === 'US' || country === 'CA') return lead.startsWith('011')
  if (country === 'AU') return lead.startsWith('0011')
  if (country === 'JP') return lead.startsWith('010')
  return lead.startsWith('00')
}

/** Kinds of number dialled without the trunk "0" even where others take it (Australia's "1300 123 456"). */
const DIALLED_WITHOUT_TRUNK_ZERO = new Set(['TOLL_FREE', 'SHARED_COST', 'UAN', 'PREMIUM_RATE'])

/** Whether a national number is written the way people of `country` write one. */
export function isWrittenLikeANumber(shown: string, country: string, number: PhoneNumber): boolean {
  if (!WRITTEN_WITH_TRUNK_ZERO.has(country) || isWrittenInternationally(shown, country)) return true
  if (/^[(\s[]*0/.test(shown)) return true
  const type = number.getType()
  return type !== undefined && DIALLED_WITHOUT_TRUNK_ZERO.has(type)
}

/** Whether the candidate at `start` (in `scanned`, look-alikes hidden) is a phone number by its context. */
export function standsAlone(scanned: string, start: number, end: number): boolean {
  return !isGluedToOtherText(scanned, start, end) && !hasIdentifierLabel(scanned, start)
}
