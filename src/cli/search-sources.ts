/**
 * What `deskdial search` searches, gathered the app's way from the data folder (DESKDIAL_USER_DATA
 * or the app's): the contacts, the company directory's offline copy, the call history and the
 * favourites in one index, with the directory's live answer merged in. The copy is the app's own
 * file: it is fetched (paged searches) when it is missing, older than the app's refresh interval,
 * from another directory, or asked for with --refresh, and written back for the app and the next
 * search, unless the file holds the copy of another directory (the app's), which is left as it is.
 */
import type { DirectorySettings } from '../shared/directory-settings'
import { FileContactStore } from '../main/contacts/contact-store'
import { FavouritesStore } from '../main/contacts/favourites-store'
import {
  contactEntry,
  copyIsCurrent,
  copySource,
  DirectoryCache,
  directoryCopyFile,
  DirectoryError,
  DirectoryIndex,
  LdapDirectory,
  mergeDirectoryAnswer,
  readUsage,
  type DirectoryEntry,
  type DirectoryHit
} from '../main/directory'
import { FileHistoryStore } from '../main/history/history-store'

/** For connecting and binding, and for each page of results. */
const TIMEOUT_MS = 10_000

export interface SearchSourcesOptions {
  dataFolder: string
  query: string
  limit: number
  /** The company directory to search; undefined to search the contacts (and, --offline, the copy) only. */
  directory: DirectorySettings | undefined
  password: string | undefined
  /** Only the offline copy: the server is not asked. */
  offline: boolean
  /** Fetch the offline copy again before searching. */
  refresh: boolean
  /** What a damaged data file or a missing copy is reported as. */
  log: (message: string) => void
  now?: number
}

/** The best `limit` hits, and why the company directory could not be searched, if it could not. */
export async function searchSources(
  options: SearchSourcesOptions
): Promise<{ hits: DirectoryHit[]; problem?: DirectoryError }> {
  const { dataFolder, log } = options
  const contacts = new FileContactStore({ directory: dataFolder, log })
  const cache = new DirectoryCache(directoryCopyFile(dataFolder))
  const client =
    options.directory && !options.offline
      ? new LdapDirectory({ settings: options.directory, password: options.password, timeoutMs: TIMEOUT_MS })
      : undefined
  let problem: DirectoryError | undefined
  try {
    let copied: DirectoryEntry[] = []
    if (options.offline) {
      copied = (await cache.readCopy()).entries
      if (copied.length === 0)
        log(
          `There is no offline copy of the company directory in ${dataFolder} yet: search once without --offline, or let the app fetch it.`
        )
    } else if (client && options.directory) {
      const copy = await cache.readCopy()
      const source = copySource(options.directory)
      if (!options.refresh && copyIsCurrent(copy, options.directory, options.now ?? Date.now())) copied = copy.entries
      else {
        try {
          copied = await client.fetchAll()
          // The app's copy of another directory is left to the app.
          if (copy.entries.length === 0 || copy.source === source) await cache.write(copied, source)
        } catch (error) {
          if (!(error instanceof DirectoryError)) throw error
          problem = error
          // An older copy of the same directory is better than none.
          if (copy.source === source) copied = copy.entries
        }
      }
    }
    const people = (await contacts.list()).map(contactEntry)
    const index = await DirectoryIndex.build([...people, ...copied])
    const usage = await readUsage({
      history: new FileHistoryStore({ directory: dataFolder, log }),
      favourites: new FavouritesStore({ directory: dataFolder, log }),
      contact: (id) => contacts.get(id)
    })
    index.setUsage(usage.signals, options.now ?? Date.now())
    if (client && !problem) {
      try {
        await mergeDirectoryAnswer(client, options.query, options.limit, (apply) => apply(index))
      } catch (error) {
        if (!(error instanceof DirectoryError)) throw error
        problem = error
      }
    }
    return { hits: index.search(options.query, options.limit), ...(problem ? { problem } : {}) }
  } finally {
    await client?.close()
  }
}
