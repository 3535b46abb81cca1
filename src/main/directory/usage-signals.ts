/**
 * What the call history and the favourites tell the search (numbers dialled often and lately, and
 * starred ones, rank higher), read the same way by the app and by `deskdial search`.
 */
import type { Contact } from '../../shared/contact'
import type { FavouriteTarget } from '../../shared/directory-search'
import type { FavouritesStore } from '../contacts/favourites-store'
import type { HistoryStore } from '../history/history-store'
import type { UsageSignal } from './directory-entry'

export interface UsageSources {
  history: Pick<HistoryStore, 'list'>
  favourites: Pick<FavouritesStore, 'list'>
  /** The contact a favourite stars, for its numbers. */
  contact(id: string): Promise<Contact | undefined>
}

/** The signals for `DirectoryIndex.setUsage`, and the favourites they came from. */
export async function readUsage(
  sources: UsageSources
): Promise<{ signals: UsageSignal[]; favourites: FavouriteTarget[] }> {
  const [calls, favourites] = await Promise.all([sources.history.list(), sources.favourites.list()])
  const signals: UsageSignal[] = calls.map((call) => ({
    number: call.target,
    at: call.startedAt,
    ...(call.contactName === undefined ? {} : { name: call.contactName })
  }))
  for (const favourite of favourites) {
    if ('number' in favourite) {
      signals.push({ number: favourite.number, favourite: true, ...(favourite.name ? { name: favourite.name } : {}) })
      continue
    }
    const contact = await sources.contact(favourite.contactId)
    for (const entry of contact?.numbers ?? [])
      signals.push({ number: entry.number, favourite: true, name: contact!.name })
  }
  return { signals, favourites }
}
