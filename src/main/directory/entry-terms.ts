import { digitsOf } from '../../shared/digits-of'
import type { DirectoryEntry } from './directory-entry'
import { foldedWords, withoutUmlautSpelling } from './fold-text'

/** An entry with what the search compares, folded once when it is indexed. */
export interface Indexed {
  entry: DirectoryEntry
  nameKey: string
  nameWords: string[]
  /** The name words with German's spelled-out umlauts taken back ("Mueller" → "muller"), when any has one. */
  unspelledNameWords?: string[]
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
  const unspelled = nameWords.map(withoutUmlautSpelling)
  return {
    entry,
    nameKey: nameWords.join(' '),
    nameWords,
    ...(unspelled.some((word, index) => word !== nameWords[index]) ? { unspelledNameWords: unspelled } : {}),
    otherWords: [entry.company, entry.department, entry.title].flatMap((text) => (text ? fold(text) : [])),
    initials: nameWords.map((word) => word[0]).join(''),
    digits: entry.numbers.map((number) => digitsOf(number.number))
  }
}

/** The first one to PREFIX_LETTERS letters of a word. */
export function wordPrefixes(word: string): string[] {
  const prefixes: string[] = []
  for (let length = 1; length <= PREFIX_LETTERS && length <= word.length; length += 1)
    prefixes.push(word.slice(0, length))
  return prefixes
}

/** wordPrefixes, made once per word: for building, where the same names come back thousands of times. */
export function sharedWordPrefixes(): (word: string) => string[] {
  const byWord = new Map<string, string[]>()
  return (word) => {
    let prefixes = byWord.get(word)
    if (prefixes === undefined) byWord.set(word, (prefixes = wordPrefixes(word)))
    return prefixes
  }
}

/** The run of three digits of `digits` at `at`, as a number: 0 to 999. */
export function trigramAt(digits: string, at: number): number {
  return (digits.charCodeAt(at) - 48) * 100 + (digits.charCodeAt(at + 1) - 48) * 10 + digits.charCodeAt(at + 2) - 48
}

/** The first `length` (one, two or three) digits of a number, as a number: "7" is 7, "07" 17, "007" 117. */
export function numberStartKey(digits: string, length: number): number {
  let key = 0
  for (let i = 0; i < length; i += 1) key = key * 10 + digits.charCodeAt(i) - 48
  return key + (length === 3 ? 110 : length === 2 ? 10 : 0)
}
