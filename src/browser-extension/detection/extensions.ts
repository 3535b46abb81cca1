/**
 * Extensions after a number, and extensions on their own.
 *
 * - In Germany and Austria a hyphen ends the main number and starts the direct-dial extension
 *   (DIN 5008: "0201 5550-12"; "-0" is the switchboard). The digits are dialled joined, so "dial" is
 *   the whole number ("+49201555012") and `extension` the part after the hyphen. "Durchwahl -12"
 *   after such a number, or later in the same text, belongs to it in the same way.
 * - "ext. 12", "x12" and their kin in other languages are reached after the call connects: "dial" is
 *   the main number with RFC 3966's ";ext=12".
 * - A short digit run on its own is an internal extension only with a clear label ("ext. 1234",
 *   "Durchwahl 1234", "Tel.: 1234"); a bare short run never is, nor one starting with "0" (the
 *   outside line on most phone systems, or an area code cut from its number: "Tel.: 0201").
 */
import { isValidPhoneNumber, type PhoneNumber } from 'libphonenumber-js/max'

/** Countries whose numbers take a direct-dial extension after a hyphen. */
const HYPHEN_EXTENSION_COUNTRIES = new Set(['DE', 'AT'])

/** A hyphen and extension digits at the end of a number's text, after its area code was set apart. */
const HYPHEN_TAIL = /^(.*\d[\s/)].*\d)\s?[-–]\s?(\d{1,5})$/u

/** Labels of a direct-dial extension, dialled joined to the main number. */
const DIRECT_DIAL_LABEL = String.raw`durchwahl|dw\.?|nebenstelle|apparat|app\.|klapka|lokalnummer`
/** Labels of an extension reached after the call connects. */
const AFTER_CONNECT_LABEL = String.raw`ext\.?|extension|poste|interno|int\.|wew\.|lok\.|anknytning|toestel|tst\.`

const EXTENSION_AFTER = new RegExp(
  String.raw`^(?:[-–]\s?(\d{1,5})|,?\s{0,2}(?:(${DIRECT_DIAL_LABEL})|${AFTER_CONNECT_LABEL})\s?[:.]?\s?[-–]?\s?(\d{1,6}))(?![\p{L}\p{N}]|[\s.\-/]\d)`,
  'iu'
)

/** A labelled extension on its own; the label must stand as a word. */
const LABELLED_EXTENSION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(${DIRECT_DIAL_LABEL})|${AFTER_CONNECT_LABEL}|tel\.?|telefon|phone|t[ée]l\.?)\s?[:.]?\s?([-–]?\s?((?!0)\d{2,6}))(?![\p{L}\p{N}]|[\s.\-/,]\d)`,
  'giu'
)

/** How a found number is dialled and which part of it is the extension. */
export interface Dialling {
  dial: string
  extension?: string
  /** The E.164 main number a later "Durchwahl -12" joins to, when the number has a direct-dial base. */
  directDialBase?: string
}

function joined(base: string, extension: string): string | undefined {
  const number = base + extension
  return isValidPhoneNumber(number) ? number : undefined
}

/** How a number libphonenumber found is dialled, reading a hyphen extension inside its text. */
export function diallingOf(number: PhoneNumber, shown: string): Dialling {
  if (number.ext) return { dial: `${number.number};ext=${number.ext}`, extension: number.ext }
  if (number.country && HYPHEN_EXTENSION_COUNTRIES.has(number.country)) {
    const tail = HYPHEN_TAIL.exec(shown)
    if (tail) {
      const base = number.number.slice(0, number.number.length - tail[2].length)
      // "-0" is the switchboard: the base for a later "Durchwahl", not an extension of its own.
      return { dial: number.number, extension: tail[2] === '0' ? undefined : tail[2], directDialBase: base }
    }
  }
  return { dial: number.number }
}

/** An extension written right after a number: its length in the text and how the whole is dialled. */
export function extensionAfter(
  text: string,
  end: number,
  number: PhoneNumber,
  dialling: Dialling
): { length: number; dialling: Dialling } | undefined {
  if (dialling.extension !== undefined && dialling.directDialBase === undefined) return undefined
  const match = EXTENSION_AFTER.exec(text.slice(end, end + 40))
  if (!match) return undefined
  const hyphenDigits = match[1]
  const directDial = hyphenDigits !== undefined || match[2] !== undefined
  const digits = hyphenDigits ?? match[3]
  const hyphenCountry = number.country !== undefined && HYPHEN_EXTENSION_COUNTRIES.has(number.country)
  if (hyphenDigits !== undefined && (!hyphenCountry || dialling.extension !== undefined)) return undefined
  // "0221 4711-0, Durchwahl -23": the switchboard and the extension stay two numbers to click.
  if (match[2] !== undefined && dialling.directDialBase !== undefined) return undefined
  const base = dialling.directDialBase ?? number.number
  const direct = directDial && hyphenCountry ? joined(base, digits) : undefined
  return {
    length: match[0].length,
    dialling: direct
      ? { dial: direct, extension: digits, directDialBase: base }
      : { dial: `${number.number};ext=${digits}`, extension: digits }
  }
}

/** An extension on its own, with its label: "Durchwahl -12", "ext. 1234", "Tel.: 1234". */
export interface LabelledExtension {
  start: number
  end: number
  digits: string
  directDial: boolean
}

export function findLabelledExtensions(text: string): LabelledExtension[] {
  const found: LabelledExtension[] = []
  LABELLED_EXTENSION.lastIndex = 0
  for (let match = LABELLED_EXTENSION.exec(text); match !== null; match = LABELLED_EXTENSION.exec(text)) {
    const end = match.index + match[0].length
    found.push({ start: end - match[2].length, end, digits: match[3], directDial: match[1] !== undefined })
  }
  return found
}

/** How an extension on its own is dialled: joined to an earlier direct-dial number, else as it is. */
export function diallingOfLabelled(extension: LabelledExtension, directDialBase: string | undefined): Dialling {
  const direct = extension.directDial && directDialBase ? joined(directDialBase, extension.digits) : undefined
  return direct ? { dial: direct, extension: extension.digits, directDialBase } : { dial: extension.digits }
}
