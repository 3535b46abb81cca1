import type { CallRecord } from '../../shared/call-record'
import { digitsOf } from '../../shared/digits-of'
import type { DirectoryResult, FavouriteTarget } from '../../shared/directory-search'
import { contactEntryId, contactIdOf, type DirectoryEntry, type DirectoryHit, type DirectoryIndex } from '../directory'

/** How many favourites and recent calls the search offers before anything is typed. */
const RECENT_CALLS_OFFERED = 20

/** A search hit as the window shows it: what to dial, where it comes from and what to highlight. */
export function directoryResult(hit: DirectoryHit): DirectoryResult {
  const { entry } = hit
  const dialled = entry.numbers[hit.numberIndex] ?? entry.numbers[0]
  const result: DirectoryResult = {
    entryId: entry.id,
    source: entry.source,
    name: entry.name,
    number: dialled?.number ?? '',
    label: dialled?.label ?? 'other',
    numbers: entry.numbers,
    favourite: hit.favourite,
    highlights: hit.highlights
  }
  const contactId = contactIdOf(entry)
  if (contactId !== undefined) result.contactId = contactId
  if (entry.company) result.company = entry.company
  if (entry.department) result.department = entry.department
  return result
}

/** An entry found without a query (a favourite, a recent call): nothing highlighted, its work number to dial. */
export function plainResult(entry: DirectoryEntry, favourite: boolean): DirectoryResult {
  return directoryResult({
    entry,
    kind: 'exact',
    numberIndex: Math.max(
      0,
      entry.numbers.findIndex((number) => number.label === 'work')
    ),
    favourite,
    highlights: { name: [], company: [], department: [], number: [] }
  })
}

/** Before anything is typed: the favourites, then the numbers dialled lately (`calls`, newest first). */
export function startingPoints(
  index: DirectoryIndex,
  favourites: readonly FavouriteTarget[],
  calls: readonly CallRecord[],
  limit: number
): DirectoryResult[] {
  const results: DirectoryResult[] = []
  const shown = new Set<string>()
  const add = (result: DirectoryResult | undefined) => {
    if (!result || shown.has(result.entryId) || results.length >= limit) return
    shown.add(result.entryId)
    results.push(result)
  }
  for (const favourite of favourites) {
    if ('contactId' in favourite) {
      const entry = index.get(contactEntryId(favourite.contactId))
      if (entry) add(plainResult(entry, true))
    } else add(byNumber(index, favourite.number))
  }
  for (const call of calls.slice(0, RECENT_CALLS_OFFERED)) add(byNumber(index, call.target))
  return results
}

/** The entry with exactly this number (same digits), as a result with that number to dial. */
function byNumber(index: DirectoryIndex, number: string): DirectoryResult | undefined {
  const digits = digitsOf(number)
  const hit = index
    .search(number, 5)
    .find((candidate) => digitsOf(candidate.entry.numbers[candidate.numberIndex]?.number ?? '') === digits)
  return hit && { ...directoryResult(hit), highlights: { name: [], company: [], department: [], number: [] } }
}
