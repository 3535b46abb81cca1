/**
 * Links that other applications hand to DeskDial (tel:, sip:, sips:, callto:), read strictly:
 * a link either yields one whole number or is refused with a sentence, never dialled in part.
 * Any web page can open such a link, so the caller still shows the number before dialling it.
 */
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js'
import { hiddenCharacterProblem, LINK_SEPARATORS, PHONE_DIGITS_PROBLEMS, readPhoneDigits } from './phone-digits'

export type PhoneLinkScheme = 'tel' | 'sip' | 'callto'

export type PhoneLinkResult =
  | {
      ok: true
      scheme: PhoneLinkScheme
      /** Digits with `*` and `#`, and a leading `+` for a global number; for sip: the user part, cleaned the same way. */
      number: string
      /** True when `number` starts with `+` (RFC 3966 global number). */
      global: boolean
      /**
       * tel: only: the phone-context of a local number that stays local because it is the user's
       * own (see `LinkHome`): a domain (lower case) or a `+digits` prefix. A phone-context that was
       * applied is not repeated here: `number` is then global.
       */
      phoneContext?: string
      /** tel: only: the extension digits of `;ext=`, to be dialled after the call is answered. */
      extension?: string
      /** For people, e.g. "+1 201 555 0123 ext. 22" or "7042 (example.com)". */
      display: string
    }
  | { ok: false; error: string }

/**
 * Where the user's desk phone is, which decides what a tel: link's `phone-context` means
 * (RFC 3966 section 5.1.5).
 */
export interface LinkHome {
  /** ISO 3166-1 alpha-2 country of the desk phone, as in the dial plan settings ("DE", "US"; any case). */
  country: string
  /** Host names of the user's own phone system (the SIP domain, the servers' hosts), without ports; any case, a final dot is ignored. */
  domains: readonly string[]
}

/** Longer links are refused before they are read. */
export const MAX_LINK_LENGTH = 256

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/
/** RFC 3966 pname, starting with a letter as every registered one does, so "tel:+1;2015550123" is no number "+1". */
const TEL_PARAM_NAME = /^[a-z][a-z0-9-]*$/
/** RFC 3966 paramchar: unreserved, param-unreserved and pct-encoded. */
const TEL_PARAM_VALUE = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+$/
/** RFC 3966 domainname: dot-separated labels, the last one starting with a letter, an optional final dot. */
const DOMAIN_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z](?:[a-z0-9-]*[a-z0-9])?\.?$/i
/** RFC 3261 hostport (host name, IPv4 or bracketed IPv6, optional port), then `;params` and `?headers`. */
const SIP_HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?(?=$|[;?])/
const SIP_PARAMS_AND_HEADERS = /^(?:[A-Za-z0-9\-_.!~*'()[\]/:&+$;?=]|%[0-9A-Fa-f]{2})*$/

/**
 * Reads a link from the operating system or another application.
 *
 * - tel: RFC 3966, plus `tel://` (sent by Windows applications). Visual separators and `%20` are
 *   removed, parameter names are case-insensitive, `ext` and `phone-context` are read, other
 *   parameters are ignored, and a link with an ISDN subaddress (`isub`) is refused because the
 *   subaddress cannot be dialled. A local number without `phone-context` is accepted (browsers
 *   produce them) with `global: false`. A literal `#` is read as the digit `#` (as in `tel:*21#`).
 *   A "(0)" is dropped only right after a country code (`tel:+44(0)20…`); `tel:9(0)11` is refused.
 * - phone-context, never dropped: a `+digits` context is applied when it and the local number
 *   together make a valid number (`tel:20-7946-0958;phone-context=+44` is +44 20 7946 0958);
 *   otherwise (RFC 3966 warns that they need not: `tel:911;phone-context=+1`) the number stays
 *   local only when the context is in `home`'s country (its calling code starts the context).
 *   A domain context cannot be applied: the number stays local only when the domain is one of
 *   `home.domains`. Every other context is refused with a sentence; without `home`, every
 *   context that cannot be applied is.
 * - callto: `callto:+49…` and `callto://+49…`; Skype-style names are refused.
 * - sip:, sips: the user part when it is a phone number; names, passwords and a missing host are refused.
 *
 * Percent-encoding is decoded once, after the link is split into its parts, and must be valid
 * UTF-8 (overlong forms are refused). Anything that is not ASCII, control and invisible
 * characters, letters (vanity numbers) and misplaced `+` signs are refused, before and after decoding.
 */
export function parsePhoneLink(raw: string, home?: LinkHome): PhoneLinkResult {
  if (raw.length > MAX_LINK_LENGTH) return refuse(`it is longer than ${MAX_LINK_LENGTH} characters`)
  const link = raw.replace(/^ +| +$/g, '')
  if (link.length === 0) return refuse('it is empty')
  const unsafe = unsafeCharacters(link)
  if (unsafe) return refuse(unsafe)
  const scheme = SCHEME.exec(link)?.[1]?.toLowerCase()
  if (scheme === undefined) return refuse('it is not a tel:, sip: or callto: link')
  const body = link.slice(scheme.length + 1)
  switch (scheme) {
    case 'tel':
      return readTel(withoutSlashes(body), home)
    case 'callto':
      return readCallto(withoutSlashes(body))
    case 'sip':
    case 'sips':
      return readSip(body)
    default:
      return refuse('DeskDial opens only tel:, sip: and callto: links')
  }
}

function refuse(reason: string): { ok: false; error: string } {
  return { ok: false, error: `This link is not a phone number DeskDial can call: ${reason}.` }
}

/** What is wrong with characters outside printable ASCII, which no part of a link may contain. */
function unsafeCharacters(text: string): string | undefined {
  if (PRINTABLE_ASCII.test(text)) return undefined
  return PHONE_DIGITS_PROBLEMS[hiddenCharacterProblem(text) ?? 'characters']
}

/** `tel://+49…` as Windows applications write it. */
function withoutSlashes(body: string): string {
  return body.startsWith('//') ? body.slice(2) : body
}

type Decoded = { ok: true; text: string } | { ok: false; error: string }

/** Decodes percent-encoding once; refuses broken escapes, invalid or overlong UTF-8, and what decodes to unsafe characters. */
function decode(part: string): Decoded {
  let text: string
  try {
    // Throws URIError on a broken escape and on invalid or overlong UTF-8.
    text = decodeURIComponent(part)
  } catch {
    return refuse('it contains invalid percent-encoding (%)')
  }
  const unsafe = unsafeCharacters(text)
  return unsafe ? refuse(unsafe) : { ok: true, text }
}

type LinkNumber = { ok: true; number: string; global: boolean } | { ok: false; error: string }

/** Decodes `part` and reads it as a number; `lettersReason` says why digits mixed with letters are refused. */
function readNumberPart(part: string, lettersReason: string): LinkNumber {
  const decoded = decode(part)
  if (!decoded.ok) return decoded
  if (decoded.text.includes('@')) return refuse('it contains an address (@) where the number should be')
  const digits = readPhoneDigits(decoded.text, LINK_SEPARATORS)
  if (digits.ok) return digits
  return refuse(digits.problem === 'letters' ? lettersReason : PHONE_DIGITS_PROBLEMS[digits.problem])
}

function readTel(body: string, home: LinkHome | undefined): PhoneLinkResult {
  const [numberPart, ...parameterParts] = body.split(';')
  const digits = readNumberPart(numberPart, PHONE_DIGITS_PROBLEMS.letters)
  if (!digits.ok) return digits
  const parameters = readTelParameters(parameterParts)
  if (!parameters.ok) return parameters
  if (parameters.values.has('isub')) {
    return refuse('it names an ISDN subaddress (isub), which DeskDial cannot dial; call the number without it')
  }
  const extension = readExtension(parameters.values.get('ext'))
  if (!extension.ok) return extension
  const phoneContext = readPhoneContext(parameters.values.get('phone-context'))
  if (!phoneContext.ok) return phoneContext
  if (digits.global && phoneContext.value !== undefined) {
    return refuse('a number that starts with + cannot also have a phone-context')
  }
  const number: NumberInContext =
    phoneContext.value === undefined ? digits : inContext(digits.number, phoneContext.value, home)
  if (!number.ok) return number
  const contextDisplay = number.phoneContext === undefined ? '' : ` (${number.phoneContext})`
  const extensionDisplay = extension.value === undefined ? '' : ` ext. ${extension.value}`
  return {
    ok: true,
    scheme: 'tel',
    number: number.number,
    global: number.global,
    ...(number.phoneContext === undefined ? {} : { phoneContext: number.phoneContext }),
    ...(extension.value === undefined ? {} : { extension: extension.value }),
    display: displayOf(number) + contextDisplay + extensionDisplay
  }
}

type NumberInContext =
  { ok: true; number: string; global: boolean; phoneContext?: string } | { ok: false; error: string }

/** The local number `local` read in its phone-context: applied, kept local because it is the user's own, or refused. */
function inContext(local: string, context: string, home: LinkHome | undefined): NumberInContext {
  if (context.startsWith('+')) {
    const applied = /^[0-9]+$/.test(local) ? parsePhoneNumberFromString(context + local) : undefined
    if (applied?.isValid()) return { ok: true, number: applied.number, global: true }
    const country = home?.country.toUpperCase()
    const homeCode = country !== undefined && isSupportedCountry(country) ? getCountryCallingCode(country) : undefined
    if (homeCode !== undefined && context.startsWith(`+${homeCode}`))
      return { ok: true, number: local, global: false, phoneContext: context }
    return refuse(
      `its number ${local} is local to ${context}, which is not your desk phone's country, and ${context} in front of it is not a valid number; ` +
        'type the full number with its country code in DeskDial instead'
    )
  }
  if (home?.domains.some((domain) => withoutFinalDot(domain.toLowerCase()) === withoutFinalDot(context))) {
    return { ok: true, number: local, global: false, phoneContext: context }
  }
  return refuse(
    `its number ${local} belongs to ${withoutFinalDot(context)}, which is not your phone system's domain, so DeskDial cannot tell which number to call; ` +
      'type the full number with its country code in DeskDial instead'
  )
}

function withoutFinalDot(domain: string): string {
  return domain.endsWith('.') ? domain.slice(0, -1) : domain
}

type TelParameters = { ok: true; values: Map<string, string | undefined> } | { ok: false; error: string }

/** Parameter names in lower case; each at most once; values still percent-encoded. */
function readTelParameters(parts: readonly string[]): TelParameters {
  const values = new Map<string, string | undefined>()
  for (const part of parts) {
    const equals = part.indexOf('=')
    const name = (equals < 0 ? part : part.slice(0, equals)).toLowerCase()
    const value = equals < 0 ? undefined : part.slice(equals + 1)
    if (!TEL_PARAM_NAME.test(name) || (value !== undefined && !TEL_PARAM_VALUE.test(value))) {
      return refuse('one of its parameters (after a ;) is malformed')
    }
    if (values.has(name)) return refuse('it repeats a parameter')
    values.set(name, value)
  }
  return { ok: true, values }
}

type Parameter = { ok: true; value?: string } | { ok: false; error: string }

function readExtension(raw: string | undefined): Parameter {
  if (raw === undefined) return { ok: true }
  const decoded = decode(raw)
  if (!decoded.ok) return decoded
  const digits = readPhoneDigits(decoded.text, LINK_SEPARATORS)
  if (!digits.ok || !/^[0-9]+$/.test(digits.number)) return refuse('its extension (ext=) is not made of digits')
  return { ok: true, value: digits.number }
}

function readPhoneContext(raw: string | undefined): Parameter {
  if (raw === undefined) return { ok: true }
  const decoded = decode(raw)
  if (!decoded.ok) return decoded
  const context = decoded.text
  if (context.startsWith('+')) {
    const digits = readPhoneDigits(context, LINK_SEPARATORS)
    if (digits.ok) return { ok: true, value: digits.number }
  } else if (DOMAIN_NAME.test(context)) {
    return { ok: true, value: context.toLowerCase() }
  }
  return refuse('its phone-context is neither a domain name nor a number prefix such as +1-914-555')
}

function readCallto(body: string): PhoneLinkResult {
  const digits = readNumberPart(body, 'it names a Skype or other account, not a phone number')
  if (!digits.ok) return digits
  return { ok: true, scheme: 'callto', number: digits.number, global: digits.global, display: displayOf(digits) }
}

function readSip(body: string): PhoneLinkResult {
  const at = body.indexOf('@')
  if (at < 0) return refuse('a sip: link must name a user and a host (user@host), and this one has no @')
  const user = body.slice(0, at)
  const hostAndParameters = body.slice(at + 1)
  if (hostAndParameters.includes('@')) return refuse('it contains more than one @')
  if (user.includes(':')) return refuse('it contains a password, and DeskDial does not open links that carry passwords')
  const host = SIP_HOST.exec(hostAndParameters)
  if (!host || !SIP_PARAMS_AND_HEADERS.test(hostAndParameters.slice(host[0].length))) {
    return refuse('the part after the @ is not a valid host name or address')
  }
  const digits = readNumberPart(
    user,
    'it calls a SIP name, not a phone number; DeskDial dials only numbers from sip: links'
  )
  if (!digits.ok) return digits
  return { ok: true, scheme: 'sip', number: digits.number, global: digits.global, display: displayOf(digits) }
}

function displayOf(digits: { number: string; global: boolean }): string {
  return digits.global ? formatGlobal(digits.number) : digits.number
}

/** "+12015550123" → "+1 201 555 0123"; as it is when libphonenumber does not know the country code. */
function formatGlobal(number: string): string {
  return parsePhoneNumberFromString(number)?.formatInternational() ?? number
}
