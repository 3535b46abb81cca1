import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Contact, ContactDraft, ContactNumberLabel, ContactSaveResult } from '../../shared/contact'
import { readJsonList, writeJsonFileAtomic, WriteQueue } from '../settings/atomic-json-file'
import { numberKey } from './contact-number-key'
import { checkContactDraft } from './contact-validation'

export interface ContactMatch {
  contact: Contact
  label: ContactNumberLabel
}

export interface ContactStore {
  /** Sorted by name. */
  list(): Promise<Contact[]>
  get(id: string): Promise<Contact | undefined>
  /** Adds a contact (no `id`) or replaces the one with the draft's `id`. */
  save(draft: ContactDraft): Promise<ContactSaveResult>
  delete(id: string): Promise<void>
  /** Saves many drafts as `save` would, in one write (an import); each gets its own result. */
  saveMany(drafts: readonly ContactDraft[]): Promise<ContactSaveResult[]>
  /** The contact with this number, comparing numbers after normalisation for `country`. */
  findByNumber(number: string, country: string): Promise<ContactMatch | undefined>
}

export interface FileContactStoreOptions {
  directory: string
  now?: () => number
  newId?: () => string
  log?: (message: string) => void
}

const FILE_VERSION = 1

function isContact(value: unknown): value is Contact {
  if (typeof value !== 'object' || value === null) return false
  const id = (value as { id?: unknown }).id
  return typeof id === 'string' && id !== '' && checkContactDraft(value).ok
}

/** Contacts in `<directory>/contacts.json`, kept in memory after the first read, written atomically. */
export class FileContactStore implements ContactStore {
  readonly #file: string
  readonly #now: () => number
  readonly #newId: () => string
  readonly #log: (message: string) => void
  readonly #changes = new WriteQueue()
  #contacts: Promise<Contact[]> | undefined
  #numberKeys: { country: string; keys: Map<string, ContactMatch> } | undefined

  constructor(options: FileContactStoreOptions) {
    this.#file = join(options.directory, 'contacts.json')
    this.#now = options.now ?? Date.now
    this.#newId = options.newId ?? randomUUID
    this.#log = options.log ?? (() => undefined)
  }

  async list(): Promise<Contact[]> {
    return [...(await this.#all())]
  }

  async get(id: string): Promise<Contact | undefined> {
    return (await this.#all()).find((contact) => contact.id === id)
  }

  async save(draft: ContactDraft): Promise<ContactSaveResult> {
    const checked = checkContactDraft(draft)
    if (!checked.ok) return checked
    // Read-modify-write as one step, so two quick saves cannot lose each other's change.
    return this.#changes.run(async () => {
      const contacts = await this.#all()
      const id = draft.id
      if (id !== undefined && !contacts.some((contact) => contact.id === id)) {
        return {
          ok: false,
          error: 'This contact no longer exists: it may have been deleted. Add it again.',
          field: 'name'
        }
      }
      const contact: Contact = { id: id ?? this.#newId(), ...checked.contact }
      const next = sortByName([...contacts.filter((existing) => existing.id !== contact.id), contact])
      await this.#persist(next)
      return { ok: true, contact }
    })
  }

  saveMany(drafts: readonly ContactDraft[]): Promise<ContactSaveResult[]> {
    return this.#changes.run(async () => {
      const contacts = new Map((await this.#all()).map((contact) => [contact.id, contact]))
      const results = drafts.map((draft): ContactSaveResult => {
        const checked = checkContactDraft(draft)
        if (!checked.ok) return checked
        if (draft.id !== undefined && !contacts.has(draft.id))
          return { ok: false, error: 'This contact no longer exists: it may have been deleted. Add it again.' }
        const contact: Contact = { id: draft.id ?? this.#newId(), ...checked.contact }
        contacts.set(contact.id, contact)
        return { ok: true, contact }
      })
      if (results.some((result) => result.ok)) await this.#persist(sortByName([...contacts.values()]))
      return results
    })
  }

  delete(id: string): Promise<void> {
    return this.#changes.run(async () => {
      const contacts = await this.#all()
      if (contacts.some((contact) => contact.id === id))
        await this.#persist(contacts.filter((contact) => contact.id !== id))
    })
  }

  async findByNumber(number: string, country: string): Promise<ContactMatch | undefined> {
    const contacts = await this.#all()
    if (this.#numberKeys?.country !== country) {
      const keys = new Map<string, ContactMatch>()
      for (const contact of contacts) {
        for (const entry of contact.numbers) {
          const key = numberKey(entry.number, country)
          if (!keys.has(key)) keys.set(key, { contact, label: entry.label })
        }
      }
      this.#numberKeys = { country, keys }
    }
    return this.#numberKeys.keys.get(numberKey(number, country))
  }

  #all(): Promise<Contact[]> {
    this.#contacts ??= this.#read()
    return this.#contacts
  }

  async #read(): Promise<Contact[]> {
    const contacts = await readJsonList({
      file: this.#file,
      key: 'contacts',
      isItem: isContact,
      fileName: 'contacts file',
      itemName: 'contact(s)',
      now: this.#now,
      log: this.#log
    })
    return sortByName(contacts)
  }

  async #persist(contacts: Contact[]): Promise<void> {
    await writeJsonFileAtomic(this.#file, { version: FILE_VERSION, contacts })
    this.#contacts = Promise.resolve(contacts)
    this.#numberKeys = undefined
  }
}

/** One collator for every sort: `localeCompare` makes one per comparison, seconds for 100,000 contacts. */
const byName = new Intl.Collator().compare

function sortByName(contacts: Contact[]): Contact[] {
  return contacts.sort((a, b) => byName(a.name, b.name))
}
