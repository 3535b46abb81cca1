/**
 * Contacts as CSV with Google Contacts' columns ("Name", "Organization 1 - Name", "Phone 1 - Type",
 * "Phone 1 - Value", ...), which Google and Outlook import and DeskDial reads back with its Google
 * preset. UTF-8 with a byte-order mark, so that Excel shows the accents; CRLF as RFC 4180 has it.
 */
import type { Contact, ContactNumberLabel } from '../../shared/contact'

const PHONE_TYPES: Record<ContactNumberLabel, string> = { work: 'Work', mobile: 'Mobile', home: 'Home', other: 'Other' }

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

export function writeCsv(contacts: readonly Contact[]): string {
  const phones = Math.max(1, ...contacts.map((contact) => contact.numbers.length))
  const header = [
    'Name',
    'Organization 1 - Name',
    'Organization 1 - Department',
    'Organization 1 - Title',
    'E-mail 1 - Type',
    'E-mail 1 - Value',
    ...Array.from({ length: phones }, (_, index) => [`Phone ${index + 1} - Type`, `Phone ${index + 1} - Value`]).flat()
  ]
  const rows = contacts.map((contact) => [
    contact.name,
    contact.company ?? '',
    contact.department ?? '',
    contact.title ?? '',
    contact.email ? '* Work' : '',
    contact.email ?? '',
    ...Array.from({ length: phones }, (_, index) => {
      const entry = contact.numbers[index]
      return entry ? [PHONE_TYPES[entry.label], entry.number] : ['', '']
    }).flat()
  ])
  return '\uFEFF' + [header, ...rows].map((row) => row.map(field).join(',') + '\r\n').join('')
}
