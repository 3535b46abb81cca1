import type { Contact, ContactNumber, ContactNumberLabel } from '../../shared/contact'
import { digitsOf } from '../../shared/digits-of'

export const CONTACT_NUMBER_LABELS: readonly ContactNumberLabel[] = ['work', 'mobile', 'home', 'other']
export const MAX_NUMBERS_PER_CONTACT = 10

export type ContactCheck = { ok: true; contact: Omit<Contact, 'id'> } | { ok: false; error: string; field: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks a contact as typed by a person (or sent over IPC) and returns it trimmed. `field` names
 * what to fix: "name", "company", "numbers" or "numbers.<index>".
 */
export function checkContactDraft(draft: unknown): ContactCheck {
  if (!isRecord(draft)) return { ok: false, error: 'The contact is missing.', field: 'name' }
  const name = typeof draft.name === 'string' ? draft.name.trim() : ''
  if (name === '') return { ok: false, error: 'Enter a name for the contact.', field: 'name' }
  if (name.length > 100) return { ok: false, error: 'The name is too long: keep it under 100 characters.', field: 'name' }
  if (draft.company !== undefined && typeof draft.company !== 'string') return { ok: false, error: 'The company must be text.', field: 'company' }
  const company = draft.company?.trim() ?? ''
  if (company.length > 100) return { ok: false, error: 'The company is too long: keep it under 100 characters.', field: 'company' }
  if (!Array.isArray(draft.numbers) || draft.numbers.length === 0) return { ok: false, error: 'Add at least one number for the contact.', field: 'numbers' }
  if (draft.numbers.length > MAX_NUMBERS_PER_CONTACT) return { ok: false, error: `A contact can have at most ${MAX_NUMBERS_PER_CONTACT} numbers.`, field: 'numbers' }
  const numbers: ContactNumber[] = []
  const seen = new Set<string>()
  for (const [index, entry] of draft.numbers.entries()) {
    const field = `numbers.${index}`
    if (!isRecord(entry)) return { ok: false, error: 'A number is missing.', field }
    const number = typeof entry.number === 'string' ? entry.number.trim() : ''
    if (!CONTACT_NUMBER_LABELS.includes(entry.label as ContactNumberLabel)) return { ok: false, error: 'Choose a label for the number: work, mobile, home or other.', field }
    if (number === '') return { ok: false, error: 'Enter the number, or remove the empty line.', field }
    const digits = digitsOf(number)
    if (!/^\+?[\d\s().\-/*#]+$/.test(number) || digits.length < 2 || digits.length > 20) {
      return { ok: false, error: `“${number}” is not a phone number: use digits, optionally starting with + and separated by spaces, dashes or brackets.`, field }
    }
    if (seen.has(digits)) return { ok: false, error: `${number} is listed twice for this contact.`, field }
    seen.add(digits)
    numbers.push({ label: entry.label as ContactNumberLabel, number })
  }
  return { ok: true, contact: company === '' ? { name, numbers } : { name, company, numbers } }
}
