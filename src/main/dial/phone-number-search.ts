/**
 * Spotting a phone number on the clipboard, so that the quick-dial window can offer it.
 * It only recognises the shape of a number; the dial plan decides later whether it can be dialled.
 */
import { readPhoneDigits, WRITTEN_SEPARATORS } from './phone-digits'
import { parsePhoneLink } from './phone-link'

/** Longer clipboard texts are prose or data, not a number someone copied. */
export const MAX_CLIPBOARD_NUMBER_LENGTH = 64

const MIN_DIGITS = 3
/** E.164 allows 15 digits; an international prefix such as "011" adds three. */
const MAX_DIGITS = 18
const LINK = /^(?:tel|sips?|callto):/i
/** What a number can start with: a digit, a +, or an area code in brackets. */
const NUMBER_START = /^[+(0-9]/
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2}(?:\d{2})?)$/
const IPV4_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * The number in `text`, cleaned to digits with an optional leading `+` ("+49 (0)201 555-0123" →
 * "+492015550123", "tel:+1-201-555-0123" → "+12015550123"), or undefined for ordinary text,
 * URLs, dates, times, IP addresses, feature codes and texts longer than 64 characters.
 */
export function looksLikePhoneNumber(text: string): string | undefined {
  const trimmed = text.trim()
  if (trimmed.length > MAX_CLIPBOARD_NUMBER_LENGTH) return undefined
  if (LINK.test(trimmed)) {
    const link = parsePhoneLink(trimmed)
    return link.ok ? link.number : undefined
  }
  if (!NUMBER_START.test(trimmed) || DATE.test(trimmed) || IPV4_ADDRESS.test(trimmed)) return undefined
  const digits = readPhoneDigits(trimmed, WRITTEN_SEPARATORS)
  if (!digits.ok || !/^\+?[0-9]+$/.test(digits.number)) return undefined
  const count = digits.number.length - (digits.global ? 1 : 0)
  return count >= MIN_DIGITS && count <= MAX_DIGITS ? digits.number : undefined
}
