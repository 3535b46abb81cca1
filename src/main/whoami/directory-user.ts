/**
 * Who the user running DeskDial is in the company directory: their entry found by login name, and
 * the desk phone number and name it gives. Nothing is guessed: nobody found and several found are
 * answers of their own, for the person to decide.
 */
import { Filter, type Entry } from 'ldapts'
import { attributeNames, loginAttributesOf, type DirectorySettings } from '../../shared/directory-settings'
import { directoryError } from '../directory/ldap/directory-error'
import { closeConnection, openConnection } from '../directory/ldap/ldap-connection'
import { everyoneFilter } from '../directory/ldap/ldap-filter'

export interface DirectoryUser {
  dn: string
  name: string
  /** The `ipPhone` attribute's value, else the `telephoneNumber`'s; absent when the entry has neither. */
  deskPhone?: string
}

export type WhoamiAnswer =
  { state: 'found'; user: DirectoryUser } | { state: 'not-found' } | { state: 'several'; users: DirectoryUser[] }

export interface WhoamiQuestion {
  settings: DirectorySettings
  password?: string
  /** The login name, e.g. os.userInfo().username. */
  login: string
  /** Matched as the whole value or as the part before "@" (userPrincipalName, mail); default: the settings' `loginAttributes`. */
  loginAttributes?: string[]
  timeoutMs: number
}

/** `(attribute=login)` or `(attribute=login@*)` for each attribute, within the directory's filter for people. */
export function loginFilter(settings: DirectorySettings, login: string, attributes: string[]): string {
  const value = Filter.escape(login)
  const clauses = attributes.flatMap((attribute) => [`(${attribute}=${value})`, `(${attribute}=${value}@*)`])
  return `(&${everyoneFilter(settings)}(|${clauses.join('')}))`
}

/** The first value of the first of `field`'s attributes that has one ("displayName, cn": displayName, else cn). */
function firstValue(entry: Entry, field: string): string | undefined {
  for (const attribute of attributeNames(field)) {
    const value = valueOf(entry, attribute)
    if (value) return value
  }
  return undefined
}

function valueOf(entry: Entry, attribute: string): string | undefined {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === attribute.toLowerCase())
  const value = key === undefined ? undefined : entry[key]
  const first = Array.isArray(value) ? value[0] : value
  const text = (Buffer.isBuffer(first) ? first.toString('utf8') : first)?.trim()
  return text ? text : undefined
}

function userOf(entry: Entry, settings: DirectorySettings): DirectoryUser {
  const { attributes } = settings
  const user: DirectoryUser = { dn: entry.dn, name: firstValue(entry, attributes.name) ?? entry.dn }
  const deskPhone = firstValue(entry, attributes.ipPhone) ?? firstValue(entry, attributes.telephoneNumber)
  if (deskPhone) user.deskPhone = deskPhone
  return user
}

/** Looks the user up; rejects with a DirectoryError (its message a sentence) when the directory cannot be asked. */
export async function findDirectoryUser(question: WhoamiQuestion): Promise<WhoamiAnswer> {
  const { settings, timeoutMs } = question
  const attributes = question.loginAttributes ?? loginAttributesOf(settings)
  try {
    const client = await openConnection(settings, question.password, timeoutMs)
    try {
      const { searchEntries } = await client.search(settings.baseDn, {
        scope: 'sub',
        filter: loginFilter(settings, question.login, attributes),
        attributes: [
          settings.attributes.name,
          settings.attributes.ipPhone,
          settings.attributes.telephoneNumber
        ].flatMap(attributeNames)
      })
      const users = searchEntries.map((entry) => userOf(entry, settings))
      if (users.length === 0) return { state: 'not-found' }
      return users.length === 1 ? { state: 'found', user: users[0] } : { state: 'several', users }
    } finally {
      await closeConnection(client)
    }
  } catch (error) {
    throw directoryError(error, settings, timeoutMs)
  }
}
