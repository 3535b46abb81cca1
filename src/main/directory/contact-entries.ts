import type { Contact } from '../../shared/contact'
import type { DirectoryEntry } from './directory-entry'

const CONTACT_PREFIX = 'contacts:'

/** One of DeskDial's contacts as the search finds it: by name, company, department, title and numbers. */
export function contactEntry(contact: Contact): DirectoryEntry {
  const entry: DirectoryEntry = {
    id: contactEntryId(contact.id),
    source: 'contacts',
    name: contact.name,
    numbers: contact.numbers
  }
  if (contact.company) entry.company = contact.company
  if (contact.department) entry.department = contact.department
  if (contact.title) entry.title = contact.title
  if (contact.email) entry.email = contact.email
  return entry
}

export function contactEntryId(contactId: string): string {
  return CONTACT_PREFIX + contactId
}

/** The contact id of an entry that is one of DeskDial's contacts. */
export function contactIdOf(entry: DirectoryEntry): string | undefined {
  return entry.source === 'contacts' && entry.id.startsWith(CONTACT_PREFIX)
    ? entry.id.slice(CONTACT_PREFIX.length)
    : undefined
}
