import type { CallRecord } from '../../../shared/call-record'
import type { Contact } from '../../../shared/contact'
import { readableNumber } from '../common/readable-number'
import { digitsOf } from '../../../shared/digits-of'
import { offeredNumbers } from '../../../shared/quick-dial-numbers'
import { contactMatches } from '../contacts/contact-search'
import { historyMatches } from '../history/history-search'

export interface QuickDialResult {
  key: string
  kind: 'clipboard' | 'number' | 'contact' | 'recent'
  title: string
  detail: string
  target: string
  contactId?: string
}

const MAX_RESULTS = 40
const RECENT_WHEN_EMPTY = 6

/**
 * What Enter can call, best first: the offered numbers (`offeredNumbers`: once the user has
 * typed, the number as typed before the clipboard number), the matching contacts' numbers, then
 * recent calls (with nothing typed: the clipboard number and the recent calls).
 */
export function quickDialResults(
  query: string,
  contacts: readonly Contact[],
  history: readonly CallRecord[],
  clipboard: string | undefined
): QuickDialResult[] {
  const trimmed = query.trim()
  const results: QuickDialResult[] = []
  for (const offer of offeredNumbers(trimmed, clipboard)) {
    results.push(
      offer.kind === 'typed'
        ? { key: 'typed', kind: 'number', title: offer.number, detail: 'Call this number', target: offer.number }
        : {
            key: 'clipboard',
            kind: 'clipboard',
            title: readableNumber(offer.number),
            detail: 'Number on the clipboard',
            target: offer.number
          }
    )
  }
  if (trimmed !== '') {
    for (const contact of contacts) {
      if (!contactMatches(contact, trimmed)) continue
      contact.numbers.forEach((entry, index) => {
        results.push({
          key: `contact-${contact.id}-${index}`,
          kind: 'contact',
          title: contact.name,
          detail: `${entry.label} · ${entry.number}${contact.company ? ` · ${contact.company}` : ''}`,
          target: entry.number,
          contactId: contact.id
        })
      })
      if (results.length >= MAX_RESULTS) return results.slice(0, MAX_RESULTS)
    }
  }
  const seen = new Set(results.map((result) => digitsOf(result.target)))
  const recentLimit = trimmed === '' ? RECENT_WHEN_EMPTY : MAX_RESULTS
  let recentCount = 0
  for (const record of history) {
    if (!historyMatches(record, trimmed)) continue
    const digits = digitsOf(record.target)
    if (seen.has(digits)) continue
    seen.add(digits)
    results.push({
      key: `recent-${record.id}`,
      kind: 'recent',
      title: record.contactName ?? record.target,
      detail: `Recent · ${record.target}`,
      target: record.target
    })
    recentCount += 1
    if (recentCount >= recentLimit || results.length >= MAX_RESULTS) break
  }
  return results.slice(0, MAX_RESULTS)
}
