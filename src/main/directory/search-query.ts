import { digitsOf } from '../../shared/digits-of'
import { foldedWords } from './fold-text'

/** What a person typed, folded and split the way the index stores names and numbers. */
export interface SearchQuery {
  /** Folded words; a word of digits in a query with letters may match a number too. */
  tokens: string[]
  /** The tokens joined by single spaces, to compare with whole names. */
  joined: string
  /** For each token, whether it is all digits (and so may be part of a number). */
  numeric: boolean[]
  /** The one token, when it could be a name's initials ("jd"): two letters or more, no digit. */
  initials?: string
  /** Set when the query is a phone number (only digits and + ( ) - . / and spaces): its digits. */
  digits?: string
  /** The digits without leading zeros (a trunk or international prefix), to find "0201 555…" in "+49 201 555…". */
  digitsWithoutPrefix?: string
}

const NUMBER_QUERY = /^[+\d\s().\-/]*\d[+\d\s().\-/]*$/

export function parseSearchQuery(text: string): SearchQuery {
  const tokens = foldedWords(text)
  const query: SearchQuery = { tokens, joined: tokens.join(' '), numeric: tokens.map((token) => /^\d+$/.test(token)) }
  if (tokens.length === 1 && tokens[0].length >= 2 && !/\d/.test(tokens[0])) query.initials = tokens[0]
  if (NUMBER_QUERY.test(text.trim())) {
    const digits = digitsOf(text)
    const withoutPrefix = digits.replace(/^0+/, '')
    query.digits = digits
    if (withoutPrefix !== digits && withoutPrefix.length >= 3) query.digitsWithoutPrefix = withoutPrefix
  }
  return query
}
