/**
 * Search as you type over contacts: names and companies match without regard to case or accents
 * ("muller" finds "Müller"), digits match numbers without regard to separators ("5550123" finds
 * "+1 (555) 555-0123"). Pure and dependency-free so the renderer can use it as well.
 */
import type { Contact, ContactNumberLabel } from '../../shared/ipc-contract'

export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase()
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, '')
}

/** A query that is only a number (digits with separators) is searched among numbers only. */
function isNumberQuery(query: string): boolean {
  return /^[+\d\s().\-/]+$/.test(query) && /\d/.test(query)
}

interface IndexedContact {
  contact: Contact
  name: string
  nameWords: string[]
  words: string[]
  text: string
  numbers: { digits: string; label: ContactNumberLabel }[]
}

export interface ContactHit {
  contact: Contact
  /** The number that matched a digit query, for showing and dialling it first. */
  matchedNumber?: { number: string; label: ContactNumberLabel }
}

/** Built once per contact list; each search is then a linear scan over pre-folded strings. */
export class ContactSearchIndex {
  readonly #entries: IndexedContact[]

  constructor(contacts: readonly Contact[]) {
    this.#entries = contacts.map((contact) => {
      const name = foldText(contact.name)
      const text = contact.company ? `${name} ${foldText(contact.company)}` : name
      return { contact, name, text, nameWords: name.split(/\s+/), words: text.split(/\s+/), numbers: contact.numbers.map((n) => ({ digits: digitsOf(n.number), label: n.label })) }
    })
  }

  /** Best matches first: the name starts with the query, then words of the name, of the company, then anywhere; ties by name. */
  search(query: string, limit = 50): ContactHit[] {
    const trimmed = query.trim()
    if (trimmed === '') return this.#entries.slice(0, limit).map((entry) => ({ contact: entry.contact }))
    const ranked: { rank: number; hit: ContactHit; name: string }[] = []
    if (isNumberQuery(trimmed)) {
      const digits = digitsOf(trimmed)
      for (const entry of this.#entries) {
        let best: { rank: number; index: number } | undefined
        entry.numbers.forEach((number, index) => {
          const at = number.digits.indexOf(digits)
          if (at < 0) return
          const rank = number.digits === digits ? 0 : at === 0 ? 1 : 2
          if (!best || rank < best.rank) best = { rank, index }
        })
        if (best) {
          const number = entry.contact.numbers[best.index]
          ranked.push({ rank: best.rank, name: entry.name, hit: number ? { contact: entry.contact, matchedNumber: { number: number.number, label: number.label } } : { contact: entry.contact } })
        }
      }
    } else {
      const tokens = foldText(trimmed).split(/\s+/)
      const whole = tokens.join(' ')
      for (const entry of this.#entries) {
        if (!tokens.every((token) => entry.text.includes(token))) continue
        const wordsStart = (words: string[]) => tokens.every((token) => words.some((word) => word.startsWith(token)))
        const rank = entry.name.startsWith(whole) ? 0 : wordsStart(entry.nameWords) ? 1 : wordsStart(entry.words) ? 2 : 3
        ranked.push({ rank, name: entry.name, hit: { contact: entry.contact } })
      }
    }
    ranked.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    return ranked.slice(0, limit).map((entry) => entry.hit)
  }
}
