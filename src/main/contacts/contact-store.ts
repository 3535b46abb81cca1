import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { Contact, ContactDraft, ContactNumberLabel, ContactSaveResult } from '../../shared/contact'
import { readJsonList, writeJsonFileAtomic, WriteQueue } from '../settings/atomic-json-file'
import { Slices, sortWithPauses } from '../settings/work-in-slices'
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
  /** Each number's key for one country, made from one list of contacts (a change makes a new list). */
  #numberKeys: { country: string; contacts: Contact[]; keys: Map<string, ContactMatch> } | undefined

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
      const next = contacts.filter((existing) => existing.id !== contact.id)
      // Into its place in name order, after the contacts of the same name: no sort of every contact.
      next.splice(placeAfterSameName(next, contact.name), 0, contact)
      await this.#persist(next)
      return { ok: true, contact }
    })
  }

  saveMany(drafts: readonly ContactDraft[]): Promise<ContactSaveResult[]> {
    return this.#changes.run(async () => {
      // Gathered, checked and sorted in slices: an import of 100,000 contacts leaves the app answering meanwhile.
      const clock = new Slices()
      const contacts = new Map<string, Contact>()
      for (const contact of await this.#all()) {
        contacts.set(contact.id, contact)
        if (clock.due) await clock.pause()
      }
      const results: ContactSaveResult[] = []
      for (const draft of drafts) {
        results.push(this.#saveInto(contacts, draft))
        if (clock.due) await clock.pause()
      }
      if (results.some((result) => result.ok)) await this.#persist(await sortByName([...contacts.values()]))
      return results
    })
  }

  #saveInto(contacts: Map<string, Contact>, draft: ContactDraft): ContactSaveResult {
    const checked = checkContactDraft(draft)
    if (!checked.ok) return checked
    if (draft.id !== undefined && !contacts.has(draft.id))
      return { ok: false, error: 'This contact no longer exists: it may have been deleted. Add it again.' }
    const contact: Contact = { id: draft.id ?? this.#newId(), ...checked.contact }
    contacts.set(contact.id, contact)
    return { ok: true, contact }
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
    let known = this.#numberKeys
    if (known?.country !== country || known.contacts !== contacts) {
      // In slices: 100,000 contacts' numbers take a while to normalise.
      const keys = new Map<string, ContactMatch>()
      const clock = new Slices()
      for (const contact of contacts) {
        for (const entry of contact.numbers) {
          const key = numberKey(entry.number, country)
          if (!keys.has(key)) keys.set(key, { contact, label: entry.label })
        }
        if (clock.due) await clock.pause()
      }
      known = { country, contacts, keys }
      this.#numberKeys = known
    }
    return known.keys.get(numberKey(number, country))
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
  }
}

/** One collator for every sort: `localeCompare` makes one per comparison, seconds for 100,000 contacts. */
const byName = new Intl.Collator().compare

/** Sorts in slices (a quarter of a second for 100,000 contacts in one go), stably. */
function sortByName(contacts: Contact[]): Promise<Contact[]> {
  return sortWithPauses(contacts, (a, b) => byName(a.name, b.name))
}

/** The index after the last contact whose name sorts before or with `name`, in a list sorted by name. */
function placeAfterSameName(contacts: readonly Contact[], name: string): number {
  let low = 0
  let high = contacts.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (byName(contacts[middle].name, name) <= 0) low = middle + 1
    else high = middle
  }
  return low
}
