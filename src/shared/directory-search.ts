/**
 * The one search over DeskDial's contacts, the company directory and recent calls, as it crosses
 * IPC: plain results with what to dial and what to highlight, and the company directory's state.
 */
import type { ContactNumber } from './contact'

/** Where a result comes from, as the window names it: "Contacts", "Directory", "Recent". */
export type DirectoryResultSource = 'contacts' | 'directory' | 'recent'

/** Characters [start, end) of a shown text that the query matched. */
export type TextRange = [start: number, end: number]

export interface DirectoryResult {
  /** Unique across sources, e.g. "contacts:<id>" or "directory:<DN>". */
  entryId: string
  /** Set for DeskDial's own contacts: what editing, deleting and starring use. */
  contactId?: string
  source: DirectoryResultSource
  name: string
  /** The number Enter dials (the matched one, else the work number) and its label. */
  number: string
  label: ContactNumber['label']
  /** Every number of the entry, the one to dial among them. */
  numbers: ContactNumber[]
  company?: string
  department?: string
  /** Starred (favourites rank first). */
  favourite: boolean
  /** What the query matched in the name, company, department and `number`. */
  highlights: { name: TextRange[]; company: TextRange[]; department: TextRange[]; number: TextRange[] }
}

/**
 * The company directory as the search sees it: off (not set up), ready, copying its entries for
 * offline use, slow, or not reachable. `message` is the sentence the window shows ('' when there
 * is nothing to say).
 */
export interface DirectoryStatus {
  state: 'off' | 'ready' | 'refreshing' | 'searching' | 'slow' | 'unreachable'
  message: string
}

/** The answer to one search, and the update that comes when the company directory has answered too. */
export interface DirectorySearchAnswer {
  /** Grows with each search: a window shows only the answers to its latest one. */
  searchId: number
  results: DirectoryResult[]
  directory: DirectoryStatus
}

/** What a star marks: one of DeskDial's contacts, or a number (from the directory or a recent call) with its name. */
export type FavouriteTarget = { contactId: string } | { number: string; name?: string }

/** The most results one search returns (the contacts view asks for this many, quick dial for fewer). */
export const MAX_SEARCH_RESULTS = 200
