import type { CallRecord } from '../../../shared/call-record'
import { digitsOf } from '../../../shared/digits-of'

/** A past call matches by contact name or target, or by the digits of what was dialled. */
export function historyMatches(record: CallRecord, query: string): boolean {
  const trimmed = query.trim().toLowerCase()
  if (trimmed === '') return true
  const digits = digitsOf(trimmed)
  if (digits !== '' && (digitsOf(record.target).includes(digits) || digitsOf(record.dialString).includes(digits)))
    return true
  return `${record.contactName ?? ''} ${record.target}`.toLowerCase().includes(trimmed)
}
