/**
 * The company directory (LDAP or Active Directory): where it is, how DeskDial binds, and which of
 * its attributes hold the name, the numbers and the rest. The bind password is never part of the
 * settings: it is kept like the SIP password (see the main process's `SecretStore`).
 */
import { z } from 'zod'
import { flag, optionalText, text } from './form-fields'

/** The fields DeskDial reads from a directory entry, each mapped to an LDAP attribute name. */
export const DIRECTORY_FIELDS = [
  'name',
  'telephoneNumber',
  'mobile',
  'ipPhone',
  'homePhone',
  'mail',
  'department',
  'title',
  'company'
] as const
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number]

/** The directory fields that hold phone numbers, in the order a result offers them. */
export const DIRECTORY_NUMBER_FIELDS = ['telephoneNumber', 'ipPhone', 'mobile', 'homePhone'] as const

export const DIRECTORY_KINDS = ['openldap', 'active-directory'] as const
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number]

/** An attribute description (RFC 4512 §2.5): a name or an OID. */
const ATTRIBUTE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)$/

/**
 * The attribute names of one field, in the order they are read: a field may name several, separated
 * by commas ("displayName, cn"), so one map fits a directory whose people come from OpenLDAP and
 * Active Directory alike. Empty when the field is not read.
 */
export function attributeNames(field: string): string[] {
  return field
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
}

function attribute(label: string) {
  return text(label).refine(
    (names) => attributeNames(names).every((name) => ATTRIBUTE.test(name)),
    `${label} must be LDAP attribute names such as telephoneNumber, separated by commas, or empty.`
  )
}

/** What the defaults were before they covered OpenLDAP's and Active Directory's names together. */
const EARLIER_DEFAULTS = [
  ['cn', 'telephoneNumber', 'mobile', '', 'homePhone', 'mail', 'ou', 'title', 'o'],
  ['displayName', 'telephoneNumber', 'mobile', 'ipPhone', 'homePhone', 'mail', 'department', 'title', 'company']
].map((values) => values.join('|'))

/**
 * Either kind's attribute names, for both kinds: a directory migrated from one to the other holds
 * both, and a missing attribute costs nothing in LDAP. The display name comes first: where people
 * were moved from Active Directory, `cn` is often the account name.
 */
function eitherKind(): DirectoryAttributes {
  return {
    name: 'displayName, cn',
    telephoneNumber: 'telephoneNumber, otherTelephone',
    mobile: 'mobile',
    ipPhone: 'ipPhone',
    homePhone: 'homePhone',
    mail: 'mail',
    department: 'department, ou, departmentNumber, l',
    title: 'title',
    company: 'company, o'
  }
}

export const directoryAttributesSchema = z
  .object({
    name: attribute('Name attribute').refine(
      (name) => attributeNames(name).length > 0,
      'Name attribute is needed, e.g. cn or displayName.'
    ),
    telephoneNumber: attribute('Work number attribute'),
    mobile: attribute('Mobile attribute'),
    ipPhone: attribute('IP phone attribute'),
    homePhone: attribute('Home number attribute'),
    mail: attribute('Email attribute'),
    department: attribute('Department attribute'),
    title: attribute('Title attribute'),
    company: attribute('Company attribute')
  })
  // A map saved as an earlier default becomes today's default of that kind; a map of one's own is kept.
  .transform((attributes) =>
    EARLIER_DEFAULTS.includes(DIRECTORY_FIELDS.map((field) => attributes[field]).join('|')) ? eitherKind() : attributes
  )
export type DirectoryAttributes = Record<DirectoryField, string>

/** The usual schema of each kind of server: what "Use OpenLDAP defaults" and "Use Active Directory defaults" fill in. */
export const DIRECTORY_PRESETS: Record<DirectoryKind, { filter: string; attributes: DirectoryAttributes }> = {
  openldap: { filter: '(objectClass=inetOrgPerson)', attributes: eitherKind() },
  'active-directory': {
    // People, not computers, and not disabled accounts (userAccountControl bit 2).
    filter: '(&(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))',
    attributes: eitherKind()
  }
}

/**
 * Where each kind of directory keeps the login name: what "Login lookup attributes" means while
 * left empty (and in a settings file from before it could be set).
 */
export const LOGIN_ATTRIBUTE_DEFAULTS: Record<DirectoryKind, string> = {
  openldap: 'uid',
  'active-directory': 'sAMAccountName, userPrincipalName'
}

/** The attributes a login name is looked up in: the settings' own, else the usual ones of the kind. */
export function loginAttributesOf(directory: Pick<DirectorySettings, 'kind' | 'loginAttributes'>): string[] {
  return attributeNames(directory.loginAttributes ?? LOGIN_ATTRIBUTE_DEFAULTS[directory.kind])
}

const DIRECTORY_URL = /^ldaps?:\/\/(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?\/?$/

/** Whether an LDAP filter's parentheses pair up and it is one parenthesised filter (RFC 4515). */
export function isBalancedFilter(filter: string): boolean {
  if (!filter.startsWith('(') || !filter.endsWith(')')) return false
  let depth = 0
  for (let index = 0; index < filter.length; index += 1) {
    const char = filter[index]
    if (char === '\\') index += 2
    else if (char === '(') depth += 1
    else if (char === ')') {
      depth -= 1
      if (depth < 0 || (depth === 0 && index !== filter.length - 1)) return false
    }
  }
  return depth === 0
}

export const directorySettingsFieldsSchema = z.object({
  /** Search the company directory as well as DeskDial's own contacts. */
  enabled: flag('Company directory'),
  kind: z.enum(DIRECTORY_KINDS, { error: 'Directory kind must be OpenLDAP or Active Directory.' }),
  /** `ldap://host[:port]` or `ldaps://host[:port]`; the scheme decides LDAPS. */
  url: text('Directory server').refine(
    (url) => url === '' || DIRECTORY_URL.test(url),
    'Directory server must be written like ldaps://ldap.example.com or ldap://ldap.example.com:389.'
  ),
  /** Upgrade an `ldap://` connection with StartTLS before binding. */
  startTls: flag('Use StartTLS'),
  /** PEM file of the CA that signed the directory's certificate, when the system's CAs do not. */
  caFile: optionalText('Directory CA certificate file'),
  /** Empty for an anonymous bind. */
  bindDn: text('Bind DN'),
  baseDn: text('Base DN'),
  /** Which entries are people; the search words are added to it. */
  filter: text('Search filter').refine(
    (filter) => filter === '' || isBalancedFilter(filter),
    'Search filter must be one LDAP filter in parentheses, e.g. (objectClass=inetOrgPerson).'
  ),
  attributes: directoryAttributesSchema,
  /** Where the login name is looked up ("uid", "sAMAccountName, userPrincipalName"); left out: the kind's usual ones. */
  loginAttributes: optionalText(
    'Login lookup attributes',
    (names) => attributeNames(names).every((name) => ATTRIBUTE.test(name)),
    'Login lookup attributes must be LDAP attribute names such as uid or sAMAccountName, separated by commas, or empty.'
  )
})

export const directorySettingsSchema = directorySettingsFieldsSchema.superRefine((directory, context) => {
  if (directory.startTls && directory.url.startsWith('ldaps:'))
    context.addIssue({
      code: 'custom',
      path: ['startTls'],
      message: 'StartTLS is for ldap:// servers; an ldaps:// server is already encrypted.'
    })
  if (!directory.enabled) return
  if (directory.url === '')
    context.addIssue({
      code: 'custom',
      path: ['url'],
      message: 'Enter the directory server, e.g. ldaps://ldap.example.com.'
    })
  if (directory.baseDn === '')
    context.addIssue({
      code: 'custom',
      path: ['baseDn'],
      message: 'Enter the base DN, e.g. ou=people,dc=example,dc=com.'
    })
})
export type DirectorySettings = z.output<typeof directorySettingsSchema>

export function defaultDirectorySettings(kind: DirectoryKind = 'openldap'): DirectorySettings {
  const preset = DIRECTORY_PRESETS[kind]
  return {
    enabled: false,
    kind,
    url: '',
    startTls: false,
    bindDn: '',
    baseDn: '',
    filter: preset.filter,
    attributes: { ...preset.attributes }
  }
}

/** Whether the connection to the directory is encrypted (LDAPS, or StartTLS before the bind). */
export function isDirectoryEncrypted(directory: Pick<DirectorySettings, 'url' | 'startTls'>): boolean {
  return directory.url.startsWith('ldaps:') || directory.startTls
}

export const DIRECTORY_FIELD_LABELS: Record<string, string> = {
  'directory.enabled': 'Company directory',
  'directory.kind': 'Directory kind',
  'directory.url': 'Directory server',
  'directory.startTls': 'Use StartTLS',
  'directory.caFile': 'Directory CA certificate file',
  'directory.bindDn': 'Bind DN',
  'directory.baseDn': 'Base DN',
  'directory.filter': 'Search filter',
  'directory.attributes': 'Directory attributes',
  'directory.attributes.name': 'Name attribute',
  'directory.attributes.telephoneNumber': 'Work number attribute',
  'directory.attributes.mobile': 'Mobile attribute',
  'directory.attributes.ipPhone': 'IP phone attribute',
  'directory.attributes.homePhone': 'Home number attribute',
  'directory.attributes.mail': 'Email attribute',
  'directory.attributes.department': 'Department attribute',
  'directory.attributes.title': 'Title attribute',
  'directory.attributes.company': 'Company attribute',
  'directory.loginAttributes': 'Login lookup attributes'
}
