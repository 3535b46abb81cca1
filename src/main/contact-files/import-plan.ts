/**
 * What importing entries into the contacts does, decided before anything is written. A contact is
 * known by its name (case and spacing aside): an entry with a known name and no new number is a
 * duplicate and changes nothing, so importing a file twice adds nothing; an entry with a known name
 * and new numbers adds those numbers to that contact (up to the allowed count), and fills its
 * company, department, job title and e-mail when it has none. Other entries become new contacts.
 * Numbers are compared as phone numbers dialled from the user's country: for a US user
 * "+1 201 555 0123" and "(201) 555-0123" are one number.
 */
import { MAX_NUMBERS_PER_CONTACT, type Contact, type ContactDraft } from '../../shared/contact'
import type { ContactFields, ImportDuplicate, ImportMerge, ImportNote, SkippedEntry } from '../../shared/contact-files'
import { numberKey } from '../contacts/contact-number-key'
import { Slices } from '../settings/work-in-slices'
import type { ContactEntry } from './contact-entry'

export interface ImportPlan {
  added: ({ line: number } & ContactFields)[]
  merged: ImportMerge[]
  duplicates: ImportDuplicate[]
  skipped: SkippedEntry[]
  notes: ImportNote[]
  /** The drafts to save: the new contacts (without id) and the contacts that gain numbers (with theirs). */
  drafts: ContactDraft[]
}

/** A name as DeskDial compares it to find a contact again. */
function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim()
}

const DETAILS = ['company', 'department', 'title', 'email'] as const

/** Planned in slices of a few milliseconds: a file of 100,000 contacts leaves the app answering meanwhile. */
export async function planImport(
  existing: readonly Contact[],
  entries: readonly ContactEntry[],
  skipped: readonly SkippedEntry[],
  country: string
): Promise<ImportPlan> {
  const clock = new Slices()
  /** Each name's contact as it will be after the import: an existing one or one this file adds. */
  const byName = new Map<string, { fields: ContactFields; id?: string; changed: boolean }>()
  for (const contact of existing) {
    const { id, ...fields } = contact
    // A copy of the numbers: a preview must not add the file's numbers to the contacts it read.
    const copy = { ...fields, numbers: [...fields.numbers] }
    if (!byName.has(nameKey(contact.name))) byName.set(nameKey(contact.name), { fields: copy, id, changed: false })
    if (clock.due) await clock.pause()
  }
  const plan: ImportPlan = { added: [], merged: [], duplicates: [], skipped: [...skipped], notes: [], drafts: [] }
  const added: ContactFields[] = []
  for (const { line, contact, notes } of entries) {
    if (clock.due) await clock.pause()
    plan.notes.push(...notes.map((note) => ({ line, name: contact.name, note })))
    const target = byName.get(nameKey(contact.name))
    if (!target) {
      const fields = { ...contact, numbers: [...contact.numbers] }
      byName.set(nameKey(contact.name), { fields, changed: false })
      added.push(fields)
      plan.added.push({ line, ...fields })
      continue
    }
    const known = new Set(target.fields.numbers.map((entry) => numberKey(entry.number, country)))
    // A number the entry repeats in another spelling is new once.
    const fresh = contact.numbers.filter((entry) => {
      const key = numberKey(entry.number, country)
      if (known.has(key)) return false
      known.add(key)
      return true
    })
    const room = MAX_NUMBERS_PER_CONTACT - target.fields.numbers.length
    const taken = fresh.slice(0, Math.max(0, room))
    if (taken.length < fresh.length) {
      plan.notes.push({
        line,
        name: contact.name,
        note: `${target.fields.name} has room for ${MAX_NUMBERS_PER_CONTACT} numbers: ${fresh.length - taken.length} of this entry's new numbers were left out.`
      })
    }
    if (taken.length === 0) {
      plan.duplicates.push({ line, name: contact.name })
      continue
    }
    target.fields.numbers.push(...taken)
    for (const detail of DETAILS) if (!target.fields[detail] && contact[detail]) target.fields[detail] = contact[detail]
    target.changed = true
    plan.merged.push({ line, name: target.fields.name, numbers: taken })
  }
  plan.drafts = [
    ...added,
    ...[...byName.values()].flatMap((target) =>
      target.id !== undefined && target.changed ? [{ ...target.fields, id: target.id }] : []
    )
  ]
  plan.skipped.sort((a, b) => a.line - b.line)
  return plan
}
