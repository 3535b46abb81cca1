import type { Candidate } from './candidate-search'
import type { DirectoryHit } from './directory-entry'
import type { Indexed } from './entry-terms'
import { highlightsFor } from './match-highlights'
import { kindOf } from './match-rank'
import type { SearchQuery } from './search-query'
import { usageKey } from './usage-scores'

/**
 * The best `limit` of the candidates a search found, best first: by match kind, then favourites
 * and often and lately dialled numbers (`boost`), then name order (`order`, each slot's place).
 * The same person in two sources (same name, a shared number) is shown once.
 */
export function rankedHits(
  found: Candidate[],
  records: ReadonlyArray<Indexed | undefined>,
  order: readonly number[],
  isFavourite: (digits: readonly string[]) => boolean,
  query: SearchQuery,
  limit: number
): DirectoryHit[] {
  found.sort((a, b) => b.rank - a.rank || b.boost - a.boost || order[a.slot] - order[b.slot])
  const hits: DirectoryHit[] = []
  const shown = new Set<string>()
  for (const candidate of found) {
    if (hits.length === limit) break
    const record = records[candidate.slot]!
    const keys = record.digits.map((digits) => `${record.nameKey}|${usageKey(digits)}`)
    if (keys.some((key) => shown.has(key))) continue
    for (const key of keys) shown.add(key)
    const kind = kindOf(candidate.rank)
    hits.push({
      entry: record.entry,
      kind,
      favourite: isFavourite(record.digits),
      ...highlightsFor(record.entry, record.digits, query, kind)
    })
  }
  return hits
}
