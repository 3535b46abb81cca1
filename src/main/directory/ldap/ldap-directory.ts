/**
 * The company directory over LDAP: a search for what the person typed, the whole directory for
 * the offline cache, and the "Test directory" check.
 *
 * Each operation opens its own connection (connect, StartTLS, bind), pages through the results
 * (RFC 2696, so a server's size limit does not cut the whole directory short) and closes it.
 * A superseded search is stopped by closing its connection: ldapts 8.2 offers no abandon and does
 * not hand out the paging cookie that RFC 2696's cancel (a request of size 0) needs, and a server
 * abandons every operation of a connection that closes, paged state included. One connection per
 * operation also means a search never runs on a connection that ldapts silently re-opened
 * without StartTLS or the bind.
 */
import type { Client } from 'ldapts'
import type { DirectorySettings } from '../../../shared/directory-settings'
import type { DirectoryEntry } from '../directory-entry'
import { cancelled, directoryError, DirectoryError, serverName } from './directory-error'
import { requestedAttributes, toDirectoryEntry } from './directory-entries'
import { closeConnection, openConnection } from './ldap-connection'
import { everyoneFilter, searchFilter } from './ldap-filter'

export interface LdapDirectoryOptions {
  settings: DirectorySettings
  /** The bind password; unused for an anonymous bind (empty bind DN). */
  password?: string
  /** For connecting and binding, and for each request (a page of results); default 5000. */
  timeoutMs?: number
}

export type DirectoryTestResult = { ok: true; detail: string } | { ok: false; error: string }

/** Entries per page: big enough to be quick, small enough to be under any server's size limit. */
const PAGE_SIZE = 200
const DEFAULT_TIMEOUT_MS = 5_000

interface PagedSearch {
  filter: string
  /** Stop after more than this many entries (one more, to know whether there were more). */
  max?: number
  pageSize: number
  signal?: AbortSignal
  onProgress?: (count: number) => void
}

/** `promise`, or a rejection with a 'cancelled' DirectoryError as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(cancelled())
    if (signal.aborted) abort()
    signal.addEventListener('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

function describeEncryption(settings: DirectorySettings): string {
  if (settings.url.startsWith('ldaps:')) return 'over LDAPS'
  return settings.startTls ? 'with StartTLS' : 'without encryption'
}

export class LdapDirectory {
  readonly #settings: DirectorySettings
  readonly #password: string | undefined
  readonly #timeoutMs: number
  /** Aborted by close(): every operation still running stops. */
  readonly #closing = new AbortController()
  readonly #connections = new Set<Client>()

  constructor(options: LdapDirectoryOptions) {
    this.#settings = options.settings
    this.#password = options.password
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  }

  /**
   * Server-side search for what the person typed (words and/or digits), paged (RFC 2696), at most
   * `limit` entries; `complete` is false when the directory holds more. Aborting `signal` cancels
   * it (a superseded search): it rejects with a DirectoryError of kind 'cancelled'.
   */
  async search(
    query: string,
    options: { limit: number; signal?: AbortSignal }
  ): Promise<{ entries: DirectoryEntry[]; complete: boolean }> {
    const filter = searchFilter(query, this.#settings)
    if (filter === undefined || options.limit <= 0) return { entries: [], complete: true }
    return this.#paged({
      filter,
      max: options.limit,
      pageSize: Math.min(options.limit + 1, PAGE_SIZE),
      signal: options.signal
    })
  }

  /** Every person under the base DN, page by page (for the offline cache); onProgress(count) after each page. */
  async fetchAll(
    options: { signal?: AbortSignal; onProgress?: (count: number) => void; max?: number } = {}
  ): Promise<DirectoryEntry[]> {
    const { entries } = await this.#paged({ filter: everyoneFilter(this.#settings), pageSize: PAGE_SIZE, ...options })
    return entries
  }

  /** "Test directory": connect, (StartTLS,) bind, one small search. */
  async test(): Promise<DirectoryTestResult> {
    const settings = this.#settings
    try {
      const client = await this.#connect(this.#closing.signal)
      try {
        const { searchEntries } = await client.search(settings.baseDn, {
          scope: 'sub',
          filter: everyoneFilter(settings),
          sizeLimit: 1,
          attributes: requestedAttributes(settings)
        })
        const who = settings.bindDn === '' ? 'anonymously' : `as ${settings.bindDn}`
        const connected = `Connected to ${serverName(settings.url)} ${describeEncryption(settings)} and bound ${who}`
        const first = searchEntries[0]
        if (first === undefined)
          return {
            ok: false,
            error: `${connected}, but found nobody under ${settings.baseDn} matching ${everyoneFilter(settings)}. Check the base DN and the search filter.`
          }
        return {
          ok: true,
          detail: `${connected}; found ${toDirectoryEntry(first, settings).name} under ${settings.baseDn}.`
        }
      } finally {
        await this.#disconnect(client)
      }
    } catch (error) {
      return { ok: false, error: directoryError(error, settings, this.#timeoutMs).message }
    }
  }

  /** Stops every operation still running (they reject as cancelled) and closes their connections. */
  async close(): Promise<void> {
    this.#closing.abort()
    await Promise.all([...this.#connections].map((client) => this.#disconnect(client)))
  }

  async #paged(search: PagedSearch): Promise<{ entries: DirectoryEntry[]; complete: boolean }> {
    const settings = this.#settings
    const signal = search.signal ? AbortSignal.any([search.signal, this.#closing.signal]) : this.#closing.signal
    const client = await this.#connect(signal)
    const entries: DirectoryEntry[] = []
    let finished = false
    try {
      const pages = client.searchPaginated(settings.baseDn, {
        scope: 'sub',
        filter: search.filter,
        attributes: requestedAttributes(settings),
        paged: { pageSize: search.pageSize }
      })
      while (search.max === undefined || entries.length <= search.max) {
        const page = await untilAborted(pages.next(), signal)
        if (page.done) {
          finished = true
          break
        }
        for (const entry of page.value.searchEntries) entries.push(toDirectoryEntry(entry, settings))
        search.onProgress?.(entries.length)
      }
    } catch (error) {
      throw signal.aborted ? cancelled() : directoryError(error, settings, this.#timeoutMs)
    } finally {
      // Also when stopped early: closing the connection ends the paged search on the server.
      await this.#disconnect(client)
    }
    const max = search.max ?? entries.length
    return { entries: entries.slice(0, max), complete: finished && entries.length <= max }
  }

  async #connect(signal: AbortSignal): Promise<Client> {
    const settings = this.#settings
    if (settings.url === '')
      throw new DirectoryError('settings', 'Enter the directory server, e.g. ldaps://ldap.example.com.')
    if (settings.baseDn === '')
      throw new DirectoryError('settings', 'Enter the base DN, e.g. ou=people,dc=example,dc=com.')
    if (signal.aborted) throw cancelled()
    const opening = openConnection(settings, this.#password, this.#timeoutMs)
    try {
      const client = await untilAborted(opening, signal)
      this.#connections.add(client)
      return client
    } catch (error) {
      if (signal.aborted) {
        opening.then(closeConnection, () => undefined)
        throw cancelled()
      }
      throw directoryError(error, settings, this.#timeoutMs)
    }
  }

  async #disconnect(client: Client): Promise<void> {
    this.#connections.delete(client)
    await closeConnection(client)
  }
}
