/** An LDAP entry as a DirectoryEntry: the mapped attributes, and each number with its label. */
import type { Entry } from 'ldapts'
import type { ContactNumberLabel } from '../../../shared/contact'
import { digitsOf } from '../../../shared/digits-of'
import {
  DIRECTORY_FIELDS,
  DIRECTORY_NUMBER_FIELDS,
  type DirectoryAttributes,
  type DirectorySettings
} from '../../../shared/directory-settings'
import type { DirectoryEntry } from '../directory-entry'

const NUMBER_LABELS: Record<(typeof DIRECTORY_NUMBER_FIELDS)[number], ContactNumberLabel> = {
  telephoneNumber: 'work',
  ipPhone: 'work',
  mobile: 'mobile',
  homePhone: 'home'
}

/** The LDAP attributes to ask the server for: the mapped ones. */
export function requestedAttributes(settings: DirectorySettings): string[] {
  return [...new Set(DIRECTORY_FIELDS.map((field) => settings.attributes[field]).filter(Boolean))]
}

/** The values of `attribute` in `entry`, whatever the case the server wrote its name in. */
function values(entry: Entry, attribute: string): string[] {
  if (attribute === '') return []
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase())
  const value = key === undefined ? undefined : entry[key]
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value]
  return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : item).trim()).filter(Boolean)
}

function firstValue(entry: Entry, attribute: string): string | undefined {
  return values(entry, attribute)[0]
}

function numbersOf(entry: Entry, attributes: DirectoryAttributes): DirectoryEntry['numbers'] {
  const seen = new Set<string>()
  const numbers: DirectoryEntry['numbers'] = []
  for (const field of DIRECTORY_NUMBER_FIELDS) {
    for (const number of values(entry, attributes[field])) {
      const digits = digitsOf(number)
      if (digits === '' || seen.has(digits)) continue
      seen.add(digits)
      numbers.push({ label: NUMBER_LABELS[field], number })
    }
  }
  return numbers
}

/** The DirectoryEntry of a person in the directory; one without a name is named by its DN. */
export function toDirectoryEntry(entry: Entry, settings: DirectorySettings): DirectoryEntry {
  const { attributes } = settings
  const result: DirectoryEntry = {
    id: `directory:${entry.dn}`,
    source: 'directory',
    name: firstValue(entry, attributes.name) ?? entry.dn,
    numbers: numbersOf(entry, attributes)
  }
  const company = firstValue(entry, attributes.company)
  const department = firstValue(entry, attributes.department)
  const title = firstValue(entry, attributes.title)
  const email = firstValue(entry, attributes.mail)
  if (company) result.company = company
  if (department) result.department = department
  if (title) result.title = title
  if (email) result.email = email
  return result
}
