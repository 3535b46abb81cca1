/**
 * The entries an index build takes, made as it takes them (in its slices of a few milliseconds)
 * rather than all before it starts: 100,000 contacts turned into entries at once hold the event
 * loop for tens of milliseconds.
 */
import type { Contact } from '../../shared/contact'
import { contactEntry, type DirectoryEntry } from '../directory'

/** The contacts' entries, made as the index build takes them (in its slices), not all before it starts. */
export function* contactEntries(contacts: Iterable<Contact>): Generator<DirectoryEntry> {
  for (const contact of contacts) yield contactEntry(contact)
}

/** The items of each list in turn, each list asked for only when the one before it is done. */
export function* oneAfterAnother<T>(...lists: Array<() => Iterable<T>>): Generator<T> {
  for (const list of lists) yield* list()
}
