import { digitsOf } from '../../shared/digits-of'
import type { DirectoryEntry } from './directory-entry'
import { foldedWords } from './fold-text'

/** An entry with what the search compares, folded once when it is indexed. */
export interface Indexed {
  entry: DirectoryEntry
  nameKey: string
  nameWords: string[]
  otherWords: string[]
  initials: string
  digits: string[]
}

/**
 * Word starts are indexed up to this many letters: a longer word of the query looks at the entries
 * with its first letters, a short list already, and checks the rest on each.
 */
export const PREFIX_LETTERS = 6

export function indexEntry(entry: DirectoryEntry): Indexed {
  const nameWords = foldedWords(entry.name)
  return {
    entry,
    nameKey: nameWords.join(' '),
    nameWords,
    otherWords: [entry.company, entry.department, entry.title].flatMap((text) => (text ? foldedWords(text) : [])),
    initials: nameWords.map((word) => word[0]).join(''),
    digits: entry.numbers.map((number) => digitsOf(number.number))
  }
}

/** The first one to PREFIX_LETTERS letters of each word of the name. */
export function namePrefixesOf(record: Indexed): Set<string> {
  const prefixes = new Set<string>()
  for (const word of record.nameWords)
    for (let length = 1; length <= PREFIX_LETTERS && length <= word.length; length += 1)
      prefixes.add(word.slice(0, length))
  return prefixes
}

/** The first two to PREFIX_LETTERS initials of the name ("jd" for John Doe). */
export function initialsPrefixesOf(record: Indexed): string[] {
  const prefixes: string[] = []
  for (let length = 2; length <= PREFIX_LETTERS && length <= record.initials.length; length += 1)
    prefixes.push(record.initials.slice(0, length))
  return prefixes
}

/** Every run of three digits of every number, to find digits anywhere in a number. */
export function trigramsOf(record: Indexed): Set<string> {
  const grams = new Set<string>()
  for (const digits of record.digits) for (let i = 0; i + 3 <= digits.length; i += 1) grams.add(digits.slice(i, i + 3))
  return grams
}

/** The first one, two and three digits of each number, for the first keystrokes of a number. */
export function numberStartsOf(record: Indexed): Set<string> {
  const starts = new Set<string>()
  for (const digits of record.digits)
    for (let length = 1; length <= 3 && length <= digits.length; length += 1) starts.add(digits.slice(0, length))
  return starts
}
