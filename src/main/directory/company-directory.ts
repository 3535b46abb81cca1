/**
 * The company directory as the search uses it, in the app and in `deskdial search` alike: its
 * offline copy (fetched whole with paged searches, kept in the data folder, fetched again after
 * {@link COPY_REFRESH_EVERY_MS}) and the live answer to what was typed, merged into the index.
 */
import { join } from 'node:path'
import type { DirectorySettings } from '../../shared/directory-settings'
import type { DirectoryEntry } from './directory-entry'
import type { DirectoryIndex } from './directory-index'

/** The company directory (the LDAP client, `LdapDirectory`). */
export interface CompanyDirectory {
  search(query: string, options: { limit: number; signal?: AbortSignal }): Promise<{ entries: DirectoryEntry[] }>
  fetchAll(options?: { signal?: AbortSignal; onProgress?: (count: number) => void }): Promise<DirectoryEntry[]>
  close(): Promise<void>
}

/** The copy of the company directory kept for offline use (`DirectoryCache`). */
export interface DirectoryCopy {
  read(): Promise<DirectoryEntry[]>
  write(entries: DirectoryEntry[], source?: string): Promise<void>
}

/** How often the offline copy is fetched again. */
export const COPY_REFRESH_EVERY_MS = 4 * 3_600_000
/** The server answers in its own order: it is asked for more than is shown, so the ranking can choose. */
const CANDIDATES_PER_RESULT = 5
const MAX_CANDIDATES = 500

/** The offline copy in the data folder (`DESKDIAL_USER_DATA` or the app's). */
export function directoryCopyFile(dataFolder: string): string {
  return join(dataFolder, 'directory-cache.json')
}

/** Which directory a copy holds: the server, where and which people, and how they were read (never the password). */
export function copySource(settings: DirectorySettings): string {
  const { url, baseDn, filter, attributes } = settings
  return JSON.stringify({ url, baseDn, filter, attributes })
}

/** Whether a copy saved at `savedAt` from `source` may be used for `settings` at `now` without fetching it again. */
export function copyIsCurrent(
  copy: { savedAt?: number; source?: string },
  settings: DirectorySettings,
  now: number
): boolean {
  return (
    copy.savedAt !== undefined &&
    copy.source === copySource(settings) &&
    now - copy.savedAt >= 0 &&
    now - copy.savedAt < COPY_REFRESH_EVERY_MS
  )
}

/**
 * Asks the company directory for what was typed and merges its answer into the index (through
 * `change`, so a rebuild in progress gets it too); the index's search then ranks it with the rest.
 */
export async function mergeDirectoryAnswer(
  directory: Pick<CompanyDirectory, 'search'>,
  text: string,
  limit: number,
  change: (apply: (index: DirectoryIndex) => void) => void,
  signal?: AbortSignal
): Promise<void> {
  const candidates = Math.min(MAX_CANDIDATES, limit * CANDIDATES_PER_RESULT)
  const { entries } = await directory.search(text, { limit: candidates, ...(signal ? { signal } : {}) })
  if (signal?.aborted) return
  change((index) => {
    for (const entry of entries) index.upsert(entry)
  })
}
