import { digitsOf } from '../../shared/digits-of'
import { foldedWords, withoutUmlautSpelling } from './fold-text'

/** What a person typed, folded and split the way the index stores names and numbers. */
export interface SearchQuery {
  /** Folded words; a word of digits in a query with letters may match a number too. */
  tokens: string[]
  /** The tokens joined by single spaces, to compare with whole names. */
  joined: string
  /** For each token, whether it is all digits (and so may be part of a number). */
  numeric: boolean[]
  /** Each token with German's spelled-out umlauts taken back ("mueller" → "muller"); see withoutUmlautSpelling. */
  unspelled: string[]
  /** The one token, when it could be a name's initials ("jd"): two letters or more, no digit. */
  initials?: string
  /** Set when the query is a phone number or an extension (see numberQueryDigits): its digits. */
  digits?: string
  /** The digits without leading zeros (a trunk or international prefix), to find "0201 555…" in "+49 201 555…". */
  digitsWithoutPrefix?: string
}

const NUMBER_QUERY = /^[+\d\s().\-/]*\d[+\d\s().\-/]*$/
/** How an extension is written before its digits: "x5127", "ext. 5127", "Durchwahl 17", "App. 17", "poste 17". */
const EXTENSION_PREFIX = /^(?:x|ext|extn|extension|durchwahl|dw|nebenstelle|app|apparat|poste|tel)\.?:?\s*/i

/**
 * The digits of a query that is a phone number or an extension (only digits and + ( ) - . / and
 * spaces, maybe after an extension word such as "x" or "ext."); undefined for any other query.
 */
export function numberQueryDigits(text: string): string | undefined {
  const number = text.trim().replace(EXTENSION_PREFIX, '')
  return NUMBER_QUERY.test(number) ? digitsOf(number) : undefined
}

export function parseSearchQuery(text: string): SearchQuery {
  const tokens = foldedWords(text)
  const query: SearchQuery = {
    tokens,
    joined: tokens.join(' '),
    numeric: tokens.map((token) => /^\d+$/.test(token)),
    unspelled: tokens.map(withoutUmlautSpelling)
  }
  if (tokens.length === 1 && tokens[0].length >= 2 && !/\d/.test(tokens[0])) query.initials = tokens[0]
  const digits = numberQueryDigits(text)
  if (digits !== undefined) {
    const withoutPrefix = digits.replace(/^0+/, '')
    query.digits = digits
    if (withoutPrefix !== digits && withoutPrefix.length >= 3) query.digitsWithoutPrefix = withoutPrefix
  }
  return query
}
