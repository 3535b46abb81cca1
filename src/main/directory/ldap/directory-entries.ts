/**
 * An LDAP entry as a DirectoryEntry: the mapped attributes, and each number with its label. A field
 * may name several attributes (see attributeNames): the name and the email are the first of them
 * the entry has, the numbers all of them, and the company and department the values of all of them
 * (without repeats), so "Sales · 4711 · Munich" is found by any of its words.
 */
import type { Entry } from 'ldapts'
import type { ContactNumberLabel } from '../../../shared/contact'
import { digitsOf } from '../../../shared/digits-of'
import {
  attributeNames,
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

/** A person without any name attribute is named by these (AD and inetOrgPerson alike), else by the DN. */
const NAME_PARTS = ['givenName', 'sn']
/** Between the values of a field read from several attributes. */
const VALUE_SEPARATOR = ' · '

/** The LDAP attributes to ask the server for: the mapped ones. */
export function requestedAttributes(settings: DirectorySettings): string[] {
  return [
    ...new Set([...DIRECTORY_FIELDS.flatMap((field) => attributeNames(settings.attributes[field])), ...NAME_PARTS])
  ]
}

/** The values of the attributes `field` names in `entry`, whatever the case the server wrote their names in. */
function values(entry: Entry, field: string): string[] {
  const names = attributeNames(field).map((name) => name.toLowerCase())
  const found: string[] = []
  for (const name of names) {
    const key = Object.keys(entry).find((key) => key.toLowerCase() === name)
    const value = key === undefined ? undefined : entry[key]
    for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
      const text = (Buffer.isBuffer(item) ? item.toString('utf8') : item).trim()
      if (text !== '') found.push(text)
    }
  }
  return found
}

function firstValue(entry: Entry, field: string): string | undefined {
  return values(entry, field)[0]
}

/** The values of every attribute the field names, without repeats, as one text. */
function allValues(entry: Entry, field: string): string | undefined {
  const found = [...new Set(values(entry, field))]
  return found.length === 0 ? undefined : found.join(VALUE_SEPARATOR)
}

function nameOf(entry: Entry, field: string): string {
  const parts = NAME_PARTS.map((part) => firstValue(entry, part)).filter(Boolean)
  return firstValue(entry, field) ?? (parts.length > 0 ? parts.join(' ') : entry.dn)
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

/** The DirectoryEntry of a person in the directory; see NAME_PARTS for one without a name. */
export function toDirectoryEntry(entry: Entry, settings: DirectorySettings): DirectoryEntry {
  const { attributes } = settings
  const result: DirectoryEntry = {
    id: `directory:${entry.dn}`,
    source: 'directory',
    name: nameOf(entry, attributes.name),
    numbers: numbersOf(entry, attributes)
  }
  const company = allValues(entry, attributes.company)
  const department = allValues(entry, attributes.department)
  const title = allValues(entry, attributes.title)
  const email = firstValue(entry, attributes.mail)
  if (company) result.company = company
  if (department) result.department = department
  if (title) result.title = title
  if (email) result.email = email
  return result
}
