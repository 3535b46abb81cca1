import type { MatchKind } from './directory-entry'
import type { Indexed } from './entry-terms'
import { startsWithOneEdit } from './one-edit'
import type { SearchQuery } from './search-query'

/** Match kinds from best to worst: the first key of the ranking. */
export const RANK: Record<MatchKind, number> = {
  exact: 8,
  prefix: 7,
  initials: 6,
  word: 5,
  'other-field': 4,
  'number-start': 3,
  number: 2,
  typo: 1
}
/** Word starts in the name rank higher when the first word of the query starts the name ("jor harr": Jörg Harris before Ashley Jörg Harris). */
export const WORD_FROM_FIRST = 5.5
/** A name found only with an umlaut spelled the other way ("mueller" for "Müller") ranks below the names found as typed. */
export const UMLAUT_SPELLED = 4.5
/** A typo whose words are all in the name ranks above one that needs the company, department or title. */
export const TYPO_IN_NAME = 1.5
/** A word of the query may be typed with one slip when it has at least this many letters. */
export const TYPO_MIN_LETTERS = 5

/** The kind of a rank: the best kind whose rank it reaches. */
export function kindOf(rank: number): MatchKind {
  if (rank === UMLAUT_SPELLED) return 'word'
  return (Object.keys(RANK) as MatchKind[]).find((name) => RANK[name] <= rank) ?? 'typo'
}

function wordStartsWith(words: string[], token: string): boolean {
  for (const word of words) if (word.startsWith(token)) return true
  return false
}

function wordNearlyStartsWith(words: string[], token: string): boolean {
  for (const word of words) if (startsWithOneEdit(token, word)) return true
  return false
}

function numberContains(record: Indexed, digits: string): boolean {
  for (const number of record.digits) if (number.includes(digits)) return true
  return false
}

function rankOfNumber(record: Indexed, digits: string, withoutPrefix: string | undefined): number {
  for (const number of record.digits)
    if (number.startsWith(digits) || (withoutPrefix !== undefined && number.startsWith(withoutPrefix)))
      return RANK['number-start']
  if (digits.length < 3) return 0
  return numberContains(record, digits) || (withoutPrefix !== undefined && numberContains(record, withoutPrefix))
    ? RANK.number
    : 0
}

/** How well the record matches the query, as a RANK value; 0 when it does not. */
export function rankOf(record: Indexed, query: SearchQuery): number {
  if (query.digits !== undefined) return rankOfNumber(record, query.digits, query.digitsWithoutPrefix)
  if (record.nameKey === query.joined) return RANK.exact
  if (record.nameKey.startsWith(query.joined)) return RANK.prefix
  if (query.initials !== undefined && record.initials.startsWith(query.initials)) return RANK.initials
  let inName = true
  let spelledOtherwise = false
  let exactly = true
  let nearlyInName = true
  for (let index = 0; index < query.tokens.length; index += 1) {
    const token = query.tokens[index]
    if (wordStartsWith(record.nameWords, token)) continue
    if (wordStartsWith(record.unspelledNameWords ?? record.nameWords, query.unspelled[index])) {
      spelledOtherwise = true
      continue
    }
    inName = false
    if (wordStartsWith(record.otherWords, token) || (query.numeric[index] && numberContains(record, token))) {
      nearlyInName = false
      continue
    }
    exactly = false
    if (token.length < TYPO_MIN_LETTERS) return 0
    if (wordNearlyStartsWith(record.nameWords, token)) continue
    nearlyInName = false
    if (!wordNearlyStartsWith(record.otherWords, token)) return 0
  }
  if (inName && spelledOtherwise) return UMLAUT_SPELLED
  if (inName) return record.nameWords[0].startsWith(query.tokens[0]) ? WORD_FROM_FIRST : RANK.word
  return exactly ? RANK['other-field'] : nearlyInName ? TYPO_IN_NAME : RANK.typo
}
