import type { Contact } from '../../shared/contact'
import type {
  DirectoryResult,
  DirectorySearchAnswer,
  DirectoryStatus,
  FavouriteTarget
} from '../../shared/directory-search'
import type { DirectorySettings } from '../../shared/directory-settings'
import type { ContactStore } from '../contacts/contact-store'
import type { FavouritesStore } from '../contacts/favourites-store'
import {
  contactEntry,
  contactEntryId,
  copySource,
  COPY_REFRESH_EVERY_MS,
  DirectoryIndex,
  mergeDirectoryAnswer,
  readUsage,
  type CompanyDirectory,
  type DirectoryCopy,
  type DirectoryEntry
} from '../directory'
import type { HistoryStore } from '../history/history-store'
import type { BackendLog } from './backend-log'
import { directoryResult, startingPoints } from './directory-results'
import { DIRECTORY_STATUS, ready, refreshing, unreachable } from './directory-statuses'
import { contactEntries, oneAfterAnother } from './entries-as-built'

export interface DirectoryKeeperOptions {
  contacts: ContactStore
  history: HistoryStore
  favourites: FavouritesStore
  directorySettings: () => DirectorySettings
  /** The directory's bind password (kept like the SIP password); undefined for an anonymous bind. */
  directoryPassword: () => Promise<string | undefined>
  /** Connects to the company directory; without it the search covers contacts and recent calls only. */
  openDirectory?: (settings: DirectorySettings, password: string | undefined) => CompanyDirectory
  copy?: DirectoryCopy
  /** The merged results once the company directory has answered (or failed to) a search. */
  onResults: (answer: DirectorySearchAnswer) => void
  /** The company directory's state changed outside a search (its copy refreshing, failing, done). */
  onStatus: (status: DirectoryStatus) => void
  log: BackendLog
  now?: () => number
  /** How long typing must pause before the query goes to the company directory. */
  debounceMs?: number
  /** After this long without an answer the company directory is shown as slow. */
  slowMs?: number
  /** How often the offline copy is fetched again. */
  refreshEveryMs?: number
  /** Awaited between slices of an index build (default: the next turn of the event loop). */
  pauseWhileBuilding?: () => Promise<void>
}

/** A query this short is not sent to the company directory: too many people match it. */
export const DIRECTORY_QUERY_MIN_LENGTH = 2

/**
 * The one search over DeskDial's contacts, the company directory and recent calls, for every
 * window. A search answers at once from the index (contacts, the directory's offline copy,
 * recent calls); when the directory is on, the query also goes to it after a pause in typing, and
 * its answer comes as a second, merged answer through `onResults`.
 *
 * The company directory's state ({@link DirectoryStatus}):
 * ```
 *   off ──(enabled)──> refreshing ──(copy fetched)──> ready <──(answer)── searching <──(query)── ready
 *                          │                            ▲                     │
 *                          └──(error)──> unreachable ───┘(next answer)        ├──(no answer in slowMs)──> slow ──> ready | unreachable
 *                                                                             └──(error)──> unreachable
 * ```
 * A newer search aborts the older one's directory query; answers to superseded searches are dropped.
 */
export class DirectoryKeeper {
  readonly #options: DirectoryKeeperOptions
  readonly #now: () => number
  #index = new DirectoryIndex()
  #loaded: Promise<void> | undefined
  #status: DirectoryStatus = DIRECTORY_STATUS.off
  #searchId = 0
  #pending: { timer: NodeJS.Timeout; controller: AbortController } | undefined
  #directory: { key: string; client: Promise<CompanyDirectory> } | undefined
  #refresh: AbortController | undefined
  #refreshTimer: NodeJS.Timeout | undefined
  #favourites: FavouriteTarget[] = []
  /** One rebuild at a time; while one runs, the changes it must make again on its new index. */
  #building: Promise<void> = Promise.resolve()
  #changesDuringBuild: Array<(index: DirectoryIndex) => void> | undefined

  constructor(options: DirectoryKeeperOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
  }

  /**
   * Builds the index from the contacts, the directory's offline copy and the history; then, when
   * the directory is on, fetches a fresh copy in the background (and again every few hours).
   */
  start(): Promise<void> {
    this.#loaded ??= this.#load()
    return this.#loaded
  }

  get status(): DirectoryStatus {
    return this.#status
  }

  async stop(): Promise<void> {
    this.#cancelPending()
    this.#refresh?.abort()
    clearTimeout(this.#refreshTimer)
    const open = this.#directory
    this.#directory = undefined
    await open?.client.then((client) => client.close()).catch(() => undefined)
  }

  /** The results for `query` from the index now; when the directory is on, merged results follow through `onResults`. */
  async search(query: string, limit: number): Promise<DirectorySearchAnswer> {
    await this.start()
    this.#searchId += 1
    const searchId = this.#searchId
    this.#cancelPending()
    const text = query.trim()
    const results =
      text === ''
        ? startingPoints(this.#index, this.#favourites, await this.#options.history.list(), limit)
        : this.#localResults(text, limit)
    if (!this.#directoryOn() || text.length < DIRECTORY_QUERY_MIN_LENGTH)
      return { searchId, results, directory: this.#status }
    const controller = new AbortController()
    const timer = setTimeout(() => void this.#askDirectory(searchId, text, limit, controller.signal), this.#debounceMs)
    this.#pending = { timer, controller }
    return { searchId, results, directory: DIRECTORY_STATUS.searching }
  }

  /** The best result here (contacts, the directory's offline copy, recent calls) for `number`, e.g. a caller's. */
  async findNumber(number: string): Promise<DirectoryResult | undefined> {
    await this.start()
    return this.#localResults(number, 1)[0]
  }

  /** A contact added or edited: its entry is replaced in the index, nothing else is rebuilt. */
  async contactSaved(contact: Contact): Promise<void> {
    await this.start()
    this.#change((index) => index.upsert(contactEntry(contact)))
    // Its numbers may have been recent calls of their own, or starred: those now belong to the contact.
    await this.usageChanged()
  }

  async contactDeleted(contactId: string): Promise<void> {
    await this.start()
    this.#change((index) => index.remove(contactEntryId(contactId)))
  }

  /** Many contacts changed at once (an import): the index is built again from the contact list. */
  async contactsChanged(): Promise<void> {
    // Not started yet: the index will be built from the contacts as they are then.
    if (this.#loaded === undefined) return
    await this.start()
    await this.#rebuild({ contacts: contactEntries(await this.#options.contacts.list()) })
  }

  /** Reads the history and the favourites again: a call was made, the history cleared or a star changed. */
  async usageChanged(): Promise<void> {
    await this.start()
    await this.#applyUsage()
  }

  /** Stars or unstars a contact or a number; returns every favourite. */
  async setFavourite(target: FavouriteTarget, starred: boolean): Promise<FavouriteTarget[]> {
    const favourites = await this.#options.favourites.set(target, starred)
    await this.usageChanged()
    return favourites
  }

  /** The directory settings (or its password) changed: connect anew and fetch a fresh copy. */
  async directorySettingsChanged(): Promise<void> {
    await this.start()
    const open = this.#directory
    this.#directory = undefined
    this.#cancelPending()
    this.#refresh?.abort()
    clearTimeout(this.#refreshTimer)
    await open?.client.then((client) => client.close()).catch(() => undefined)
    if (!this.#directoryOn()) {
      this.#setStatus(DIRECTORY_STATUS.off)
      // A directory turned off is not searched, not even its offline copy.
      if (this.#index.entriesFrom('directory').length > 0) await this.#rebuild({ directory: [] })
      return
    }
    void this.#refreshCopy()
  }

  get #debounceMs(): number {
    return this.#options.debounceMs ?? 250
  }

  async #load(): Promise<void> {
    const { contacts, copy, log } = this.#options
    const [people, copied] = await Promise.all([
      contacts.list(),
      (this.#directoryOn() ? copy?.read() : undefined)?.catch((error: Error) => {
        log('warn', `The company directory's offline copy could not be read: ${error.message}`)
        return []
      }) ?? []
    ])
    // Built in slices, so that the window's other commands are answered meanwhile.
    this.#index = await DirectoryIndex.build(
      oneAfterAnother(
        () => contactEntries(people),
        () => copied
      ),
      this.#options.pauseWhileBuilding
    )
    await this.#applyUsage()
    if (this.#directoryOn()) void this.#refreshCopy()
  }

  async #applyUsage(): Promise<void> {
    const { history, favourites, contacts } = this.#options
    const usage = await readUsage({ history, favourites, contact: (id) => contacts.get(id) })
    this.#favourites = usage.favourites
    this.#index.setUsage(usage.signals, this.#now())
  }

  #localResults(text: string, limit: number): DirectoryResult[] {
    return this.#index.search(text, limit).map(directoryResult)
  }

  #directoryOn(): boolean {
    const settings = this.#options.directorySettings()
    return (
      this.#options.openDirectory !== undefined && settings.enabled && settings.url !== '' && settings.baseDn !== ''
    )
  }

  #client(): Promise<CompanyDirectory> {
    const settings = this.#options.directorySettings()
    const key = JSON.stringify(settings)
    if (this.#directory?.key !== key) {
      const open = this.#options.openDirectory!
      this.#directory = {
        key,
        client: this.#options.directoryPassword().then((password) => open(settings, password))
      }
    }
    return this.#directory.client
  }

  #cancelPending(): void {
    if (!this.#pending) return
    clearTimeout(this.#pending.timer)
    this.#pending.controller.abort()
    this.#pending = undefined
  }

  async #askDirectory(searchId: number, text: string, limit: number, signal: AbortSignal): Promise<void> {
    const answer = (directory: DirectoryStatus) => {
      if (searchId !== this.#searchId) return
      this.#status = directory
      this.#options.onResults({ searchId, results: this.#localResults(text, limit), directory })
    }
    const slow = setTimeout(() => answer(DIRECTORY_STATUS.slow), this.#options.slowMs ?? 1_500)
    try {
      await mergeDirectoryAnswer(await this.#client(), text, limit, (apply) => this.#change(apply), signal)
      if (signal.aborted) return
      answer(ready(this.#index.entriesFrom('directory').length))
    } catch (error) {
      if (signal.aborted) return
      this.#options.log('warn', `Searching the company directory failed: ${(error as Error).message}`)
      answer(unreachable(error))
    } finally {
      clearTimeout(slow)
    }
  }

  /** Fetches the whole directory into the offline copy and the index; shows its progress as the status. */
  async #refreshCopy(): Promise<void> {
    const controller = new AbortController()
    this.#refresh = controller
    clearTimeout(this.#refreshTimer)
    this.#setStatus(refreshing())
    try {
      const client = await this.#client()
      const entries = await client.fetchAll({
        signal: controller.signal,
        onProgress: (count) => this.#setStatus(refreshing(count))
      })
      if (controller.signal.aborted) return
      await this.#rebuild({ directory: entries })
      await this.#options.copy?.write(entries, copySource(this.#options.directorySettings()))
      this.#setStatus(ready(entries.length))
    } catch (error) {
      if (controller.signal.aborted) return
      this.#options.log('warn', `Copying the company directory failed: ${(error as Error).message}`)
      this.#setStatus(unreachable(error))
    }
    if (controller.signal.aborted) return
    this.#refreshTimer = setTimeout(
      () => void this.#refreshCopy(),
      this.#options.refreshEveryMs ?? COPY_REFRESH_EVERY_MS
    )
    this.#refreshTimer.unref?.()
  }

  /** A change to the index; made again on the index being built, if one is, so that it is not lost. */
  #change(apply: (index: DirectoryIndex) => void): void {
    apply(this.#index)
    this.#changesDuringBuild?.push(apply)
  }

  /**
   * Builds a new index with fresh contacts and/or a fresh copy of the directory, in slices (see
   * `DirectoryIndex.build`), while the old one keeps answering; changes made meanwhile are made
   * again on the new one before it takes over.
   */
  async #rebuild(fresh: { contacts?: Iterable<DirectoryEntry>; directory?: DirectoryEntry[] }): Promise<void> {
    const building = this.#building.then(async () => {
      const changes: Array<(index: DirectoryIndex) => void> = []
      this.#changesDuringBuild = changes
      try {
        // Taken as the build goes (a change made meanwhile is made again on the new index anyway).
        const entries = oneAfterAnother(
          () => fresh.contacts ?? this.#index.entriesFrom('contacts'),
          () => fresh.directory ?? this.#index.entriesFrom('directory')
        )
        const index = await DirectoryIndex.build(entries, this.#options.pauseWhileBuilding)
        for (const apply of changes) apply(index)
        this.#index = index
      } finally {
        this.#changesDuringBuild = undefined
      }
      await this.#applyUsage()
    })
    this.#building = building.catch(() => undefined)
    return building
  }

  #setStatus(status: DirectoryStatus): void {
    this.#status = status
    this.#options.onStatus(status)
  }
}
