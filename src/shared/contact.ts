/** A person in DeskDial's own contact list, with the numbers to reach them. */
export type ContactNumberLabel = 'work' | 'mobile' | 'home' | 'other'

export interface ContactNumber {
  label: ContactNumberLabel
  number: string
}

export interface Contact {
  id: string
  name: string
  company?: string
  numbers: ContactNumber[]
}

export type ContactDraft = Omit<Contact, 'id'> & { id?: string }

export type ContactSaveResult = { ok: true; contact: Contact } | { ok: false; error: string; field?: string }
