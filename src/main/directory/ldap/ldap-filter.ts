/**
 * What a person typed, as an LDAP search filter (RFC 4515) the server can answer from its indexes.
 *
 * Words: each word must start a word of the name (`(cn=word*)`, `(cn=* word*)`), or start the
 * mail, company or department; a word of four letters or more also matches by the server's
 * approximate rule (`(cn~=word)`), which in OpenLDAP drops diacritics and compares how words
 * sound, so "muller" finds "Müller" and "jose" finds "José" when the whole word is typed.
 * Digits: a query that is a phone number matches any number attribute holding those digits in that
 * order, whatever is written between them (`(telephoneNumber=*5*5*5*0*1*2*)`), so "555 0123"
 * finds "+1 (201) 555-0123"; so does an extension typed with its prefix ("x5127", "ext. 5127"). What the server cannot do (a typo, "mul" for "Müller", initials) the
 * local engine does over the cached copy. Every value is escaped: a query can never change the
 * filter's structure.
 */
import { Filter } from 'ldapts'
import { attributeNames, DIRECTORY_NUMBER_FIELDS, type DirectorySettings } from '../../../shared/directory-settings'
import { numberQueryDigits } from '../search-query'

/** Longer queries are cut: nobody types more, and the filter stays small. */
const MAX_WORDS = 6
const MAX_WORD_LENGTH = 64
const MAX_DIGITS = 20
/** Shorter words sound like too many names for the approximate rule to help. */
const APPROX_MIN_LETTERS = 4

function numberClause(digits: string, settings: DirectorySettings): string | undefined {
  const attributes = DIRECTORY_NUMBER_FIELDS.flatMap((field) => attributeNames(settings.attributes[field]))
  if (attributes.length === 0 || digits === '') return undefined
  const pattern = `*${[...digits.slice(0, MAX_DIGITS)].join('*')}*`
  return anyOf(attributes.map((attribute) => `(${attribute}=${pattern})`))
}

function wordClause(word: string, settings: DirectorySettings): string {
  const { name, mail, company, department } = settings.attributes
  const value = Filter.escape(word.slice(0, MAX_WORD_LENGTH))
  const approximate = [...word].length >= APPROX_MIN_LETTERS && /^\p{L}+$/u.test(word)
  const clauses: string[] = []
  for (const attribute of attributeNames(name)) {
    clauses.push(`(${attribute}=${value}*)`, `(${attribute}=* ${value}*)`)
    if (approximate) clauses.push(`(${attribute}~=${value})`)
  }
  for (const attribute of [mail, company, department].flatMap(attributeNames)) clauses.push(`(${attribute}=${value}*)`)
  return anyOf(clauses)
}

function anyOf(clauses: string[]): string {
  return clauses.length === 1 ? clauses[0] : `(|${clauses.join('')})`
}

function allOf(clauses: string[]): string {
  return clauses.length === 1 ? clauses[0] : `(&${clauses.join('')})`
}

/** The filter for `query` within the configured filter; undefined when the query has nothing to search for. */
export function searchFilter(query: string, settings: DirectorySettings): string | undefined {
  const text = query.normalize('NFC').trim()
  const clauses: string[] = []
  const digits = numberQueryDigits(text)
  if (digits !== undefined) {
    const numbers = numberClause(digits, settings)
    if (numbers) clauses.push(numbers)
  } else {
    for (const word of text.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS)) {
      const words = wordClause(word, settings)
      const numbers = /^\d+$/.test(word) ? numberClause(word, settings) : undefined
      clauses.push(numbers ? anyOf([words, numbers]) : words)
    }
  }
  if (clauses.length === 0) return undefined
  return allOf([...(settings.filter ? [settings.filter] : []), ...clauses])
}

/** Every person the configured filter selects. */
export function everyoneFilter(settings: DirectorySettings): string {
  return settings.filter || '(objectClass=*)'
}
