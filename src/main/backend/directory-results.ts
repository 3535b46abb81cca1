import type { DirectoryResult } from '../../shared/directory-search'
import { contactIdOf, type DirectoryEntry, type DirectoryHit } from '../directory'

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
