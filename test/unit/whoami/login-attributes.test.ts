/**
 * Where the user's login name is looked up: the directory settings' `loginAttributes`, else the
 * usual attributes of the directory's kind, for settings saved before the setting existed too.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { checkAppSettings } from '../../../src/shared/app-settings'
import {
  defaultDirectorySettings,
  directorySettingsSchema,
  loginAttributesOf,
  type DirectorySettings
} from '../../../src/shared/directory-settings'
import { fieldProblems } from '../../../src/shared/field-problems'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'

const search = vi.fn()
vi.mock('../../../src/main/directory/ldap/ldap-connection', () => ({
  openConnection: async () => ({ search }),
  closeConnection: async () => undefined
}))
const { findDirectoryUser } = await import('../../../src/main/whoami')

function directory(change: Partial<DirectorySettings> = {}): DirectorySettings {
  return {
    ...defaultDirectorySettings(change.kind),
    enabled: true,
    url: 'ldaps://ldap.example.com',
    baseDn: 'ou=people,dc=example,dc=com',
    ...change
  }
}

describe('the login lookup attributes setting', () => {
  it('is left out by default, so the kind decides: uid, or sAMAccountName and userPrincipalName', () => {
    expect(defaultDirectorySettings()).not.toHaveProperty('loginAttributes')
    expect(loginAttributesOf(directory())).toEqual(['uid'])
    expect(loginAttributesOf(directory({ kind: 'active-directory' }))).toEqual(['sAMAccountName', 'userPrincipalName'])
    expect(loginAttributesOf(directory({ kind: 'active-directory', loginAttributes: 'uid, mail' }))).toEqual([
      'uid',
      'mail'
    ])
  })

  it('loads a settings file from before it existed with the default of its kind', () => {
    const saved = defaultAppSettings()
    const { loginAttributes, ...old } = directory({ kind: 'active-directory' })
    expect(loginAttributes).toBeUndefined()
    const checked = checkAppSettings({ ...saved, directory: old })
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems))
    expect(checked.settings.directory).not.toHaveProperty('loginAttributes')
    expect(loginAttributesOf(checked.settings.directory)).toEqual(['sAMAccountName', 'userPrincipalName'])
  })

  it('keeps attribute names, reads empty as the default, and refuses anything else with a sentence', () => {
    expect(directorySettingsSchema.parse(directory({ loginAttributes: ' uid, mail ' })).loginAttributes).toBe(
      'uid, mail'
    )
    expect(directorySettingsSchema.parse(directory({ loginAttributes: '' })).loginAttributes).toBeUndefined()
    const parsed = directorySettingsSchema.safeParse(directory({ loginAttributes: 'uid=kberg' }))
    expect(parsed.success).toBe(false)
    if (!parsed.success)
      expect(fieldProblems(parsed.error, ['directory'])).toEqual([
        {
          field: 'directory.loginAttributes',
          error:
            'Login lookup attributes must be LDAP attribute names such as uid or sAMAccountName, separated by commas, or empty.'
        }
      ])
  })
})

describe('looking the user up', () => {
  beforeEach(() => {
    search.mockReset()
    search.mockResolvedValue({ searchEntries: [] })
  })

  async function filterFor(settings: DirectorySettings): Promise<string> {
    await findDirectoryUser({ settings, login: 'kberg', timeoutMs: 1_000 })
    return search.mock.calls[0][1].filter as string
  }

  it('matches the login name in the attributes the settings name', async () => {
    expect(await filterFor(directory({ loginAttributes: 'employeeID, mail' }))).toBe(
      '(&(objectClass=inetOrgPerson)(|(employeeID=kberg)(employeeID=kberg@*)(mail=kberg)(mail=kberg@*)))'
    )
  })

  it('matches it in the usual attributes of the kind when the settings name none', async () => {
    expect(await filterFor(directory({ kind: 'active-directory' }))).toContain(
      '(|(sAMAccountName=kberg)(sAMAccountName=kberg@*)(userPrincipalName=kberg)(userPrincipalName=kberg@*))'
    )
  })
})
