/**
 * The last gate before SIP: the SIP layer calls this before it puts a dial string into the
 * Refer-To user part, so nothing that could add a URI parameter, a header or a second address
 * (`;`, `>`, `@`, `?`, CR/LF, spaces, escapes) ever reaches the wire, whatever the layers above did.
 */
import { MAX_DIAL_DIGITS } from '../../shared/dial-limits'

export type DialTargetResult = { ok: true; value: string } | { ok: false; error: string }

const MAX_SIP_USER_NAME_LENGTH = 64
/** Digits, `*` and `#`, with an optional leading `+`: what phone systems dial. */
const DIAL_DIGITS = new RegExp(`^\\+?[0-9*#]{1,${MAX_DIAL_DIGITS}}$`)
/** RFC 3261 unreserved characters that need no escaping, without the marks `!*'()`. */
const SIP_USER_NAME_CHARACTERS = /^[A-Za-z0-9._~-]+$/

/**
 * Accepts `dialString` unchanged when it is a phone number (`^\+?[0-9*#]{1,32}$`) or a plain SIP
 * user name (`^[A-Za-z0-9._~-]{1,64}$`; a number longer than 32 digits does not pass as a name).
 * Refuses everything else with a sentence for people. Nothing is trimmed or repaired: a string
 * that needs repair did not come from the dial plan.
 */
export function validateDialString(dialString: string): DialTargetResult {
  if (DIAL_DIGITS.test(dialString)) return { ok: true, value: dialString }
  if (dialString.length === 0) return { ok: false, error: 'There is nothing to dial: enter a number or an extension.' }
  if (/^\+?[0-9*#]+$/.test(dialString)) {
    return { ok: false, error: `This number is too long to dial: a number can have at most ${MAX_DIAL_DIGITS} digits.` }
  }
  if (SIP_USER_NAME_CHARACTERS.test(dialString)) {
    return dialString.length <= MAX_SIP_USER_NAME_LENGTH
      ? { ok: true, value: dialString }
      : {
          ok: false,
          error: `This SIP name is too long to dial: it can have at most ${MAX_SIP_USER_NAME_LENGTH} characters.`
        }
  }
  return {
    ok: false,
    error:
      'This cannot be dialled: a number may contain only digits, * and # after an optional leading +, and a SIP name only letters, digits, dots, hyphens, underscores and tildes.'
  }
}
