import { digitsOf } from '../../../shared/digits-of'
import type { Contact } from '../../../shared/contact'

/** Queries made only of phone characters are matched against the digits of each number. */
const PHONE_QUERY = /^[\d\s+\-()./]+$/

/**
 * Search as you type: every word must appear in the name or company (any case), or a query of
 * digits must appear in one of the numbers whatever the spacing ("201 555" finds +1-201-555-0123).
 */
export function contactMatches(contact: Contact, query: string): boolean {
  const trimmed = query.trim().toLowerCase()
  if (trimmed === '') return true
  if (PHONE_QUERY.test(trimmed)) {
    const digits = digitsOf(trimmed)
    if (digits !== '' && contact.numbers.some((entry) => digitsOf(entry.number).includes(digits))) return true
  }
  const text = `${contact.name} ${contact.company ?? ''}`.toLowerCase()
  return trimmed.split(/\s+/).every((word) => text.includes(word))
}

export function byName(a: Contact, b: Contact): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' })
}
