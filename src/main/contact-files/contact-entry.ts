import { MAX_NUMBERS_PER_CONTACT, type ContactNumber, type ContactNumberLabel } from '../../shared/contact'
import type { ContactFields, SkippedEntry } from '../../shared/contact-files'
import { digitsOf } from '../../shared/digits-of'
import { checkContactDraft } from '../contacts/contact-validation'

/** A number as a file labels it: one of DeskDial's labels, or a fax, which DeskDial does not dial. */
export interface FileNumber {
  label: ContactNumberLabel | 'fax'
  number: string
}

/** One entry of a file as read, before it is checked. */
export interface RawEntry {
  line: number
  name?: string
  company?: string
  department?: string
  title?: string
  email?: string
  numbers: FileNumber[]
}

/** An entry that is a valid contact, with what reading it changed. */
export interface ContactEntry {
  line: number
  contact: ContactFields
  notes: string[]
}

export type EntryOutcome = { ok: true; entry: ContactEntry } | { ok: false; skipped: SkippedEntry }

/**
 * The kind of number a file's words name (vCard TYPE values, Apple's X-ABLabel, Google's "Phone 1 - Type"):
 * cell/mobile/iPhone → mobile, work → work, home → home, fax (unless also voice) → fax, anything else → other.
 */
export function labelFromWords(words: readonly string[]): ContactNumberLabel | 'fax' {
  const kinds = words.map((word) =>
    word
      .toLowerCase()
      .replace(/^_\$!<|>!\$_$/g, '')
      .replace(/^\*\s*/, '')
      .trim()
  )
  const has = (...names: string[]) => kinds.some((kind) => names.some((name) => kind.split(/[\s,]+/).includes(name)))
  if (has('fax') && !has('voice')) return 'fax'
  if (has('cell', 'mobile', 'iphone', 'handy')) return 'mobile'
  if (has('work', 'business')) return 'work'
  if (has('home')) return 'home'
  return 'other'
}

/**
 * Checks an entry against the contact schema: it needs a name and a number; fax numbers and numbers
 * listed twice are left out; beyond the allowed numbers the first ones are kept. Anything else the
 * schema refuses (a number that is not one, a name too long) skips the entry with the schema's sentence.
 */
export function checkEntry(raw: RawEntry): EntryOutcome {
  const name = raw.name?.trim() ?? ''
  const skip = (reason: string): EntryOutcome => ({
    ok: false,
    skipped: { line: raw.line, reason, ...(name ? { name } : {}) }
  })
  if (name === '') return skip('It has no name.')
  const notes: string[] = []
  const faxes = raw.numbers.filter((entry) => entry.label === 'fax').length
  const seen = new Set<string>()
  const numbers: ContactNumber[] = []
  for (const entry of raw.numbers) {
    const digits = digitsOf(entry.number)
    if (entry.label === 'fax' || entry.number.trim() === '' || seen.has(digits)) continue
    seen.add(digits)
    numbers.push({ label: entry.label, number: entry.number.trim() })
  }
  if (numbers.length === 0) return skip(faxes > 0 ? 'It has only a fax number.' : 'It has no phone number.')
  if (faxes > 0) notes.push(faxes === 1 ? 'Left out its fax number.' : `Left out its ${faxes} fax numbers.`)
  if (numbers.length > MAX_NUMBERS_PER_CONTACT) {
    notes.push(`Kept the first ${MAX_NUMBERS_PER_CONTACT} of its ${numbers.length} numbers.`)
    numbers.length = MAX_NUMBERS_PER_CONTACT
  }
  const checked = checkContactDraft({
    name,
    company: raw.company,
    department: raw.department,
    title: raw.title,
    email: raw.email,
    numbers
  })
  if (!checked.ok) return skip(checked.error)
  return { ok: true, entry: { line: raw.line, contact: checked.contact, notes } }
}
