import type { ContactNumberLabel } from '../../shared/contact'

/** Where a search result comes from: DeskDial's own contacts, the company directory (LDAP), or the call history. */
export type DirectorySource = 'contacts' | 'directory' | 'recent'

/** A person or a number the search can find, from any source. */
export interface DirectoryEntry {
  /** Unique across sources, e.g. "contacts:<id>", "directory:<DN>", "recent:<number>". */
  id: string
  source: DirectorySource
  name: string
  company?: string
  department?: string
  title?: string
  email?: string
  numbers: Array<{ label: ContactNumberLabel; number: string }>
}

/** A dialled number (from the call history) or a starred contact or number: what makes a result rank higher. */
export interface UsageSignal {
  number: string
  /** When it was dialled (ms since 1970); absent for a favourite that was never dialled. */
  at?: number
  favourite?: boolean
  /** The name the call was made to, for a recent number that is in no contact. */
  name?: string
}

/** Characters [start, end) of a field's text (as shown, not folded) that the query matched. */
export type MatchRange = [start: number, end: number]

export type MatchKind = 'exact' | 'prefix' | 'initials' | 'word' | 'other-field' | 'number-start' | 'number' | 'typo'

export interface DirectoryHit {
  entry: DirectoryEntry
  /** How the query matched, best kind first in the ranking. */
  kind: MatchKind
  /** Index in `entry.numbers` of the number to dial: the matched one, else the first work number. */
  numberIndex: number
  /** Favourite, or dialled often and lately. */
  favourite: boolean
  highlights: { name: MatchRange[]; company: MatchRange[]; department: MatchRange[]; number: MatchRange[] }
}
