import { describe, expect, it } from 'vitest'
import { checkAppSettings, settingsFieldLabel } from '../../../src/shared/app-settings'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { bindsInClear, RETYPE_DIRECTORY_PASSWORD, sameDirectoryIdentity } from '../../../src/shared/directory-password'
import {
  attributeNames,
  DIRECTORY_FIELDS,
  DIRECTORY_KINDS,
  DIRECTORY_PRESETS,
  defaultDirectorySettings,
  directorySettingsSchema,
  isBalancedFilter,
  type DirectoryAttributes,
  type DirectorySettings
} from '../../../src/shared/directory-settings'
import { fieldProblems } from '../../../src/shared/field-problems'

function directory(change: Partial<DirectorySettings> = {}): DirectorySettings {
  return {
    ...defaultDirectorySettings(),
    enabled: true,
    url: 'ldaps://ldap.example.com',
    baseDn: 'ou=people,dc=example,dc=com',
    ...change
  }
}

/** The problems of `value` as "field: sentence", empty when it passes. */
function problems(value: unknown): string[] {
  const parsed = directorySettingsSchema.safeParse(value)
  return parsed.success ? [] : fieldProblems(parsed.error, ['directory']).map((p) => `${p.field}: ${p.error}`)
}

describe('the directory settings schema', () => {
  it.each([
    'ldap://ldap.example.com',
    'ldaps://ldap.example.com',
    'ldap://127.0.0.1:3389',
    'ldaps://dc1.corp.example.com:636/',
    'ldap://[::1]:389'
  ])('takes the server %s', (url) => {
    expect(problems(directory({ url }))).toEqual([])
  })

  it.each([
    'ldap.example.com',
    'http://ldap.example.com',
    'ldaps://ldap.example.com/ou=people',
    'ldap://ldap example.com',
    'ldaps://ldap.example.com:636:1',
    'ldaps://user@ldap.example.com'
  ])('refuses the server %s with a sentence showing the form', (url) => {
    expect(problems(directory({ url }))).toEqual([
      'directory.url: Directory server must be written like ldaps://ldap.example.com or ldap://ldap.example.com:389.'
    ])
  })

  it('takes StartTLS for ldap:// and refuses it for ldaps://, which is encrypted already', () => {
    expect(problems(directory({ url: 'ldap://ldap.example.com', startTls: true }))).toEqual([])
    expect(problems(directory({ url: 'ldaps://ldap.example.com', startTls: true }))).toEqual([
      'directory.startTls: StartTLS is for ldap:// servers; an ldaps:// server is already encrypted.'
    ])
  })

  it('takes balanced filters, escapes included, and refuses unbalanced ones', () => {
    for (const filter of [
      '(objectClass=inetOrgPerson)',
      DIRECTORY_PRESETS['active-directory'].filter,
      '(cn=Smith \\28Sales\\29)',
      '(|(cn=a*)(sn=b*))'
    ])
      expect(isBalancedFilter(filter), filter).toBe(true)
    for (const filter of ['objectClass=person', '(&(cn=*)', '(cn=a))(', '(cn=a)(sn=b)', '(cn=a'])
      expect(problems(directory({ filter })), filter).toEqual([
        'directory.filter: Search filter must be one LDAP filter in parentheses, e.g. (objectClass=inetOrgPerson).'
      ])
  })

  it('takes attribute names and OIDs, an empty optional attribute, and refuses others', () => {
    const good = directory({
      attributes: { ...DIRECTORY_PRESETS.openldap.attributes, ipPhone: '', mobile: '0.9.2342.19200300.100.1.41' }
    })
    expect(problems(good)).toEqual([])
    const bad = directory({
      attributes: { ...DIRECTORY_PRESETS.openldap.attributes, name: '', mail: 'e mail', title: '1title' }
    })
    expect(problems(bad)).toEqual([
      'directory.attributes.name: Name attribute is needed, e.g. cn or displayName.',
      'directory.attributes.mail: Email attribute must be LDAP attribute names such as telephoneNumber, separated by commas, or empty.',
      'directory.attributes.title: Title attribute must be LDAP attribute names such as telephoneNumber, separated by commas, or empty.'
    ])
    expect(problems(directory({ attributes: { ...good.attributes, department: 'department, ou,l' } }))).toEqual([])
    expect(attributeNames(' department, ou,l ')).toEqual(['department', 'ou', 'l'])
  })

  it('gives a map saved as an earlier default the default that covers both kinds, and keeps a map of ones own', () => {
    const earlier = {
      openldap: ['cn', 'telephoneNumber', 'mobile', '', 'homePhone', 'mail', 'ou', 'title', 'o'],
      'active-directory': [
        'displayName',
        'telephoneNumber',
        'mobile',
        'ipPhone',
        'homePhone',
        'mail',
        'department',
        'title',
        'company'
      ]
    }
    for (const kind of DIRECTORY_KINDS) {
      const attributes = Object.fromEntries(DIRECTORY_FIELDS.map((field, i) => [field, earlier[kind][i]]))
      const loaded = directorySettingsSchema.parse(directory({ kind, attributes: attributes as DirectoryAttributes }))
      expect(loaded.attributes).toEqual(DIRECTORY_PRESETS[kind].attributes)
    }
    const own = { ...DIRECTORY_PRESETS.openldap.attributes, name: 'cn', department: 'ou' }
    expect(directorySettingsSchema.parse(directory({ attributes: own })).attributes).toEqual(own)
    expect(DIRECTORY_PRESETS.openldap.attributes).toMatchObject({
      name: 'displayName, cn',
      telephoneNumber: 'telephoneNumber, otherTelephone',
      ipPhone: 'ipPhone',
      department: 'department, ou, departmentNumber, l',
      company: 'company, o'
    })
  })

  it('needs a server and a base DN only once the directory is switched on', () => {
    expect(problems(defaultDirectorySettings())).toEqual([])
    expect(problems({ ...defaultDirectorySettings(), enabled: true })).toEqual([
      'directory.url: Enter the directory server, e.g. ldaps://ldap.example.com.',
      'directory.baseDn: Enter the base DN, e.g. ou=people,dc=example,dc=com.'
    ])
  })

  it('is part of the app settings, trimmed, and each field has the label Settings shows', () => {
    const settings = { ...defaultAppSettings('DE'), directory: directory({ bindDn: '  cn=reader,dc=example,dc=com ' }) }
    const checked = checkAppSettings(settings)
    expect(checked.ok && checked.settings.directory.bindDn).toBe('cn=reader,dc=example,dc=com')
    for (const field of ['url', 'startTls', 'caFile', 'bindDn', 'baseDn', 'filter', 'kind', 'enabled'])
      expect(settingsFieldLabel(`directory.${field}`)).not.toBe(`directory.${field}`)
    for (const field of DIRECTORY_FIELDS)
      expect(settingsFieldLabel(`directory.attributes.${field}`)).toMatch(/ attribute$/)
  })
})

describe('the bind password', () => {
  it('belongs to one server and one bind DN', () => {
    const saved = directory({ bindDn: 'cn=reader,dc=example,dc=com' })
    expect(sameDirectoryIdentity(saved, { ...saved, baseDn: 'dc=other', filter: '(cn=*)' })).toBe(true)
    expect(sameDirectoryIdentity(saved, { ...saved, url: 'ldaps://ldap.attacker.example' })).toBe(false)
    expect(sameDirectoryIdentity(saved, { ...saved, bindDn: 'cn=admin,dc=example,dc=com' })).toBe(false)
    expect(RETYPE_DIRECTORY_PASSWORD).toMatch(/^Type the bind password again/)
  })

  it('would cross the network in clear only over plain ldap:// without StartTLS', () => {
    expect(bindsInClear({ url: 'ldap://ldap.example.com', startTls: false }, true)).toBe(true)
    expect(bindsInClear({ url: 'ldap://ldap.example.com', startTls: true }, true)).toBe(false)
    expect(bindsInClear({ url: 'ldaps://ldap.example.com', startTls: false }, true)).toBe(false)
    expect(bindsInClear({ url: 'ldap://ldap.example.com', startTls: false }, false)).toBe(false)
  })
})
