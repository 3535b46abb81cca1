import type { DirectoryResult, FavouriteTarget } from '../../../shared/directory-search'
import type { Contact } from '../../../shared/contact'
import { digitsOf } from '../../../shared/digits-of'

/** How a result's source is named in the window. */
export const SOURCE_LABEL: Record<DirectoryResult['source'], string> = {
  contacts: 'Contacts',
  directory: 'Directory',
  recent: 'Recent'
}

/** Whether Ctrl+D (Cmd+D) was pressed: it stars or unstars the selected result. */
export function isStarKey(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'd'
}

/** Whether a contact is starred, itself or by one of its numbers. */
export function isFavouriteContact(contact: Contact, favourites: readonly FavouriteTarget[]): boolean {
  return favourites.some((favourite) =>
    'contactId' in favourite
      ? favourite.contactId === contact.id
      : contact.numbers.some((entry) => digitsOf(entry.number) === digitsOf(favourite.number))
  )
}

/** One of DeskDial's contacts shown like a search result (nothing typed, nothing highlighted), its first number to dial. */
export function contactAsResult(contact: Contact, favourite: boolean): DirectoryResult {
  const first = contact.numbers[0]
  return {
    entryId: `contacts:${contact.id}`,
    contactId: contact.id,
    source: 'contacts',
    name: contact.name,
    number: first?.number ?? '',
    label: first?.label ?? 'other',
    numbers: contact.numbers,
    ...(contact.company ? { company: contact.company } : {}),
    favourite,
    highlights: { name: [], company: [], department: [], number: [] }
  }
}
