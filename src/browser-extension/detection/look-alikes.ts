/**
 * Digit runs with a shape of their own that are not phone numbers: dates, times, IBANs, card numbers,
 * ISBNs, IP addresses, coordinates, amounts, percentages, year ranges, postcodes before a place name,
 * version strings. They are found by shape before libphonenumber looks at the text and hidden from it,
 * so it can neither take them nor take a part of one ("0044 0532 0130 00" inside an IBAN).
 */

/** A kind of look-alike and the pattern that finds it; `confirm` rejects matches of the wrong sort. */
interface LookAlike {
  kind: string
  pattern: RegExp
  confirm?: (match: string) => boolean
}

const MONTHS = String.raw`(?:jan|feb|f[eé]v|m[aä]r|apr|avr|abr|ma[iyj]|mei|jun|juin|jul|juil|aug|ao[uû]|ago|sep|set|o[ck]t|out|nov|de[cz]|dic|gen|ene|lip|sie|wrz|pa[zź]|lis|gru|sty|lut|kwi|cze|led|úno|b[řr]e|dub|kv[eě]|[čc]vn|[čc]vc|z[aá][řr]|[řr]íj|lis|pro|tammi|helmi|maalis|huhti|touko|kes[aä]|hein[aä]|elo|syys|loka|marras|joulu)\p{L}*\.?`

function digitsOf(text: string): string {
  return text.replace(/\D/g, '')
}

/** The Luhn checksum that every payment card number passes. */
function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return sum % 10 === 0
}

function isIsbn13(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < 13; i += 1) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3)
  return digits.length === 13 && sum % 10 === 0
}

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`
const CURRENCY_SIGN = String.raw`[$€£¥₹₽₺₩₪฿₫₴₦₱¢]`
const CURRENCY_CODE = String.raw`(?:EUR|USD|GBP|CHF|JPY|AUD|CAD|SEK|NOK|DKK|PLN|CZK|HUF|INR|BRL|CNY|HKD|NZD|ZAR|RUB|TRY|MXN|SGD|Fr\.|SFr\.?|kr\.?|zł|Kč|R\$|US\$|A\$|C\$)`
const AMOUNT = String.raw`\d{1,3}(?:[\s\u00a0\u202f.,'’]\d{3})+(?:[.,](?:\d{1,2}|-{1,2}|–))?|\d+(?:[.,](?:\d{1,2}|-{1,2}|–))?`

/** A space between an amount and its currency; a tab or line break parts table cells instead. */
const AMOUNT_SPACE = String.raw`[ \u00a0\u202f]?`

/** In the order they are tried; a later kind may lie inside an earlier one's match (it is hidden already). */
const LOOK_ALIKES: LookAlike[] = [
  { kind: 'iban', pattern: /\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?\b/g },
  {
    kind: 'card',
    pattern: /(?<![\d+])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -]?)\d{6}\2\d{4,5})(?![\d])/g,
    confirm: (match) => {
      const digits = digitsOf(match)
      return digits.length >= 13 && digits.length <= 19 && !digits.startsWith('00') && passesLuhn(digits)
    }
  },
  {
    kind: 'isbn',
    pattern: /(?<![\d+])97[89](?:[- ]?\d){10}(?![\d])/g,
    confirm: (match) => isIsbn13(digitsOf(match))
  },
  {
    kind: 'date',
    pattern:
      /(?<![\d.+])(?:(?:19|20)\d{2}([-/.])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\2(?:(?:19|20)\d{2}|\d{2})|(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])\/(?:(?:19|20)\d{2}|\d{2}))(?!\d|[-/.]\d)/g
  },
  {
    kind: 'date',
    pattern: new RegExp(
      String.raw`(?<!\d)(?:\d{1,2}\.?\s*${MONTHS}\s*(?:\d{4}|'\d{2})?|${MONTHS}\s+\d{1,2}(?:st|nd|rd|th)?,?\s*(?:\d{4})?)(?!\d)`,
      'giu'
    )
  },
  {
    kind: 'time',
    pattern:
      /(?<![\d:])(?:[01]?\d|2[0-3])(?::[0-5]\d){1,2}(?:[.,]\d+)?(?:\s?(?:[ap]\.?m\.?|uhr|h)\b)?|\b(?:[01]?\d|2[0-3])h[0-5]\d\b|\b(?:[01]?\d|2[0-3])\.[0-5]\d\s?(?:uhr|h)\b/giu
  },
  {
    kind: 'ip-address',
    pattern: new RegExp(String.raw`(?<![\d.])${OCTET}(?:\.${OCTET}){3}(?::\d{1,5})?(?!\d|\.\d)`, 'g')
  },
  {
    kind: 'ip-address',
    pattern: /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?:(?::[0-9a-f]{1,4})*)(?![\w:])/gi
  },
  {
    kind: 'coordinates',
    pattern:
      /-?\d{1,3}(?:[.,]\d+)?\s?°\s?(?:\d{1,2}(?:[.,]\d+)?\s?['′]\s?)?(?:\d{1,2}(?:[.,]\d+)?\s?(?:"|″|'')\s?)?[NSEWO]?|(?<![\d.])-?\d{1,3}\.\d{2,}\s?[NSEWO]?\s?[,;/ ]\s?-?\d{1,3}\.\d{2,}(?![\d.])/g
  },
  {
    kind: 'money',
    pattern: new RegExp(
      String.raw`(?:${CURRENCY_SIGN}|${CURRENCY_CODE}(?![\p{L}]))${AMOUNT_SPACE}-?(?:${AMOUNT})|(?<![\d.,\-–/])(?:${AMOUNT})${AMOUNT_SPACE}(?:${CURRENCY_SIGN}|${CURRENCY_CODE}(?![\p{L}])|(?:euro|dollars?|pounds?|franken|francs?|kronen|kroner|kronor|złotych|korun)\b)`,
      'giu'
    )
  },
  {
    kind: 'percentage',
    pattern: /\d+(?:[.,]\d+)?\s?(?:%|‰|prozent\b|percent\b|pour ?cent\b|por ?ciento\b|per ?cento\b)/giu
  },
  { kind: 'year-range', pattern: /(?<![\d.+/(]\s?)(?:19|20)\d{2}\s?[-–—/]\s?(?:(?:19|20)\d{2}|\d{2})(?![\d])/g },
  {
    kind: 'postcode',
    pattern:
      /(?<![\d+(][\s.\-/]?|\d)(?:\d{2}-\d{3}|\d{3} \d{2}|\d{4,6}(?:-\d{3,4})?)(?=[\s\u00a0]+(?:\p{Lu}\p{Ll}|\p{Lu}{3,}\b|\p{Lu}\p{M}))/gu
  },
  { kind: 'postcode', pattern: /\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b/g },
  { kind: 'version', pattern: /\b[vV]\d+(?:\.\d+)+\b|\b\d+\.\d+\.\d+(?:\.\d+)?(?=\s?\((?:build|rev))/g },
  // Longer than any written phone number, with its extension: a table of figures, a code block, a
  // numbered list run together. Hidden whole, which also spares libphonenumber its slowest inputs.
  { kind: 'digit-chain', pattern: /[\d+([][\d\s().\-–—/[\]~]{63,}/g },
  { kind: 'hash', pattern: /(?<![\p{L}\p{N}])[#№]\s?\d[\d\s.\-/]*/gu }
]

/** A character libphonenumber treats as neither digit, punctuation nor letter: it ends any candidate. */
const HIDDEN = '\u0001'

/** A look-alike found in the text. */
export interface LookAlikeSpan {
  kind: string
  start: number
  end: number
}

/** Every look-alike in `text`, each as the kind of thing it is and its span. */
export function findLookAlikes(text: string): LookAlikeSpan[] {
  const spans: LookAlikeSpan[] = []
  for (const { kind, pattern, confirm } of LOOK_ALIKES) {
    pattern.lastIndex = 0
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) {
        pattern.lastIndex += 1
        continue
      }
      if (/\d/.test(match[0]) && (!confirm || confirm(match[0]))) {
        spans.push({ kind, start: match.index, end: match.index + match[0].length })
      }
    }
  }
  return spans
}

/** `text` with every look-alike's characters replaced by {@link HIDDEN}, offsets unchanged. */
export function hideLookAlikes(text: string, spans: LookAlikeSpan[]): string {
  if (spans.length === 0) return text
  const characters = text.split('')
  for (const { start, end } of spans) characters.fill(HIDDEN, start, end)
  return characters.join('')
}
