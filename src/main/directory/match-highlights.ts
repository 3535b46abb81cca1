import type { DirectoryEntry, DirectoryHit, MatchKind, MatchRange } from './directory-entry'
import { foldWithOrigin, withoutUmlautSpelling, wordsOf } from './fold-text'
import { startsWithOneEdit } from './one-edit'
import type { SearchQuery } from './search-query'

type Highlights = Pick<DirectoryHit, 'highlights' | 'numberIndex'>

/** The characters of `text` (as written) that produced folded characters [start, end). */
function originalRange(text: string, origin: number[], start: number, end: number): MatchRange {
  const lastStart = origin[end - 1]
  const last = text.codePointAt(lastStart) ?? 0
  return [origin[start], lastStart + (last > 0xffff ? 2 : 1)]
}

/**
 * Marks, in `text`, the start of a word for each token that starts one (or starts one with a slip,
 * when `typos`); each word is used once. Returns the tokens it could not place.
 */
function markWordStarts(text: string | undefined, tokens: string[], typos: boolean, ranges: MatchRange[]): string[] {
  if (!text || tokens.length === 0) return tokens
  const folded = foldWithOrigin(text)
  const words = wordsOf(folded.text)
  const used = new Set<number>()
  const unplaced: string[] = []
  for (const token of tokens) {
    const index = words.findIndex(
      (word, i) =>
        !used.has(i) &&
        (word.word.startsWith(token) ||
          withoutUmlautSpelling(word.word).startsWith(withoutUmlautSpelling(token)) ||
          (typos && startsWithOneEdit(token, word.word)))
    )
    if (index < 0) {
      unplaced.push(token)
      continue
    }
    used.add(index)
    const word = words[index]
    ranges.push(originalRange(text, folded.origin, word.start, word.start + Math.min(token.length, word.word.length)))
  }
  return unplaced
}

/** The characters of `number` (as written) holding its digits [start, start + length). */
function digitRange(number: string, start: number, length: number): MatchRange {
  const positions: number[] = []
  for (let i = 0; i < number.length; i += 1) if (number[i] >= '0' && number[i] <= '9') positions.push(i)
  return [positions[start], positions[start + length - 1] + 1]
}

/** Which number to dial and which characters to highlight in the name, company, department and that number. */
export function highlightsFor(
  entry: DirectoryEntry,
  digits: string[],
  query: SearchQuery,
  kind: MatchKind
): Highlights {
  const highlights: Highlights['highlights'] = { name: [], company: [], department: [], number: [] }
  const numberQueries =
    query.digits !== undefined
      ? [query.digits, query.digitsWithoutPrefix ?? ''].filter(Boolean)
      : query.tokens.filter((token) => /^\d{3,}$/.test(token))
  let numberIndex = Math.max(
    0,
    entry.numbers.findIndex((number) => number.label === 'work')
  )
  for (const wanted of numberQueries) {
    const index = digits.findIndex((number) => number.includes(wanted))
    if (index >= 0) {
      numberIndex = index
      highlights.number.push(digitRange(entry.numbers[index].number, digits[index].indexOf(wanted), wanted.length))
      break
    }
  }
  if (query.digits !== undefined) return { highlights, numberIndex }
  if (kind === 'initials') {
    const folded = foldWithOrigin(entry.name)
    for (const word of wordsOf(folded.text).slice(0, query.tokens[0].length))
      highlights.name.push(originalRange(entry.name, folded.origin, word.start, word.start + 1))
    return { highlights, numberIndex }
  }
  const typos = kind === 'typo'
  const rest = markWordStarts(entry.name, query.tokens, typos, highlights.name)
  markWordStarts(
    entry.department,
    markWordStarts(entry.company, rest, typos, highlights.company),
    typos,
    highlights.department
  )
  return { highlights, numberIndex }
}
