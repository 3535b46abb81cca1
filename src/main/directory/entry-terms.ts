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

/**
 * Folds many entries' texts sharing the results: a company or a department is folded once, and
 * every entry with a word holds the same string for it, which keeps a large index small.
 */
export function sharedFolding(): (text: string) => string[] {
  const byText = new Map<string, string[]>()
  const words = new Map<string, string>()
  return (text) => {
    let folded = byText.get(text)
    if (folded === undefined) {
      folded = foldedWords(text).map((word) => words.get(word) ?? (words.set(word, word), word))
      byText.set(text, folded)
    }
    return folded
  }
}

export function indexEntry(entry: DirectoryEntry, fold: (text: string) => string[] = foldedWords): Indexed {
  const nameWords = fold(entry.name)
  return {
    entry,
    nameKey: nameWords.join(' '),
    nameWords,
    otherWords: [entry.company, entry.department, entry.title].flatMap((text) => (text ? fold(text) : [])),
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

/** The run of three digits of `digits` at `at`, as a number: 0 to 999. */
export function trigramAt(digits: string, at: number): number {
  return (digits.charCodeAt(at) - 48) * 100 + (digits.charCodeAt(at + 1) - 48) * 10 + digits.charCodeAt(at + 2) - 48
}

/** Every run of three digits of every number, to find digits anywhere in a number. */
export function trigramsOf(record: Indexed): Set<number> {
  const grams = new Set<number>()
  for (const digits of record.digits) for (let i = 0; i + 3 <= digits.length; i += 1) grams.add(trigramAt(digits, i))
  return grams
}

/** The first one, two or three digits of a number, as a number: "7" is 7, "07" 17, "007" 117. */
export function numberStartKey(digits: string): number {
  let key = 0
  for (let i = 0; i < digits.length && i < 3; i += 1) key = key * 10 + digits.charCodeAt(i) - 48
  return key + (digits.length >= 3 ? 110 : digits.length === 2 ? 10 : 0)
}

/** The first one, two and three digits of each number, for the first keystrokes of a number. */
export function numberStartsOf(record: Indexed): Set<number> {
  const starts = new Set<number>()
  for (const digits of record.digits)
    for (let length = 1; length <= 3 && length <= digits.length; length += 1)
      starts.add(numberStartKey(digits.slice(0, length)))
  return starts
}
