import { digitsOf } from '../../../shared/digits-of'
import type { DirectoryResult, TextRange } from '../../../shared/directory-search'
import { offeredNumbers } from '../../../shared/quick-dial-numbers'
import { readableNumber } from '../common/readable-number'

/** One line of the quick-dial list: a number to call as it is, or one number of a search result. */
export type QuickDialRow =
  | { key: string; kind: 'selection' | 'clipboard' | 'typed'; title: string; target: string }
  | {
      key: string
      kind: 'result'
      result: DirectoryResult
      target: string
      label: string
      /** The matched characters of `target`: only on the number the search matched. */
      numberRanges: readonly TextRange[]
    }

/**
 * The rows Enter can call, best first: the offered numbers (the selected number, what was typed, the clipboard's number),
 * then the search's results in its order, each with the number it matched first and its other
 * numbers after it. A number offered already is not repeated.
 */
export function quickDialRows(
  query: string,
  clipboard: string | undefined,
  results: readonly DirectoryResult[],
  selection?: string
): QuickDialRow[] {
  const rows: QuickDialRow[] = offeredNumbers(query, clipboard, selection).map((offer) => ({
    key: offer.kind,
    kind: offer.kind,
    title: offer.kind === 'typed' ? offer.number : readableNumber(offer.number),
    target: offer.number
  }))
  const offered = new Set(rows.map((row) => digitsOf(row.target)))
  for (const result of results) {
    const first = result.numbers.find((entry) => entry.number === result.number)
    const numbers = first ? [first, ...result.numbers.filter((entry) => entry !== first)] : result.numbers
    for (const entry of numbers) {
      if (offered.has(digitsOf(entry.number))) continue
      rows.push({
        key: `${result.entryId}|${entry.number}`,
        kind: 'result',
        result,
        target: entry.number,
        label: entry.label,
        numberRanges: entry === first ? result.highlights.number : []
      })
    }
  }
  return rows
}
