/** When the offline copy of the company directory may be used as it is, by the app's rule, in the CLI. */
import { describe, expect, it } from 'vitest'
import { copyIsCurrent, copySource, COPY_REFRESH_EVERY_MS } from '../../../src/main/directory'
import { defaultDirectorySettings } from '../../../src/shared/directory-settings'

const settings = {
  ...defaultDirectorySettings(),
  enabled: true,
  url: 'ldaps://ldap.example.com',
  baseDn: 'ou=people,dc=example,dc=com'
}
const now = Date.UTC(2026, 11, 7, 12)

describe('the offline copy of the company directory', () => {
  it('is used while it is younger than the app refreshes it, and of this directory', () => {
    const source = copySource(settings)
    expect(copyIsCurrent({ savedAt: now - 60_000, source }, settings, now)).toBe(true)
    expect(copyIsCurrent({ savedAt: now - COPY_REFRESH_EVERY_MS + 1, source }, settings, now)).toBe(true)
    expect(COPY_REFRESH_EVERY_MS).toBe(4 * 3_600_000)
  })

  it.each([
    ['older than 4 hours', { savedAt: now - COPY_REFRESH_EVERY_MS }],
    ['of unknown age', {}],
    ['saved in the future (a clock set back)', { savedAt: now + 60_000 }],
    ['of another server', { savedAt: now, settings: { ...settings, url: 'ldaps://other.example.com' } }],
    ['of another base DN', { savedAt: now, settings: { ...settings, baseDn: 'ou=staff,dc=example,dc=com' } }],
    [
      'read with another map',
      { savedAt: now, settings: { ...settings, attributes: { ...settings.attributes, name: 'cn' } } }
    ]
  ])('is fetched again when it is %s', (_, copy) => {
    const source = copySource('settings' in copy ? copy.settings : settings)
    const savedAt = 'savedAt' in copy ? copy.savedAt : undefined
    expect(copyIsCurrent({ ...(savedAt === undefined ? {} : { savedAt }), source }, settings, now)).toBe(false)
  })

  it('names the server, base DN, filter and map it came from, never the bind DN or a password', () => {
    expect(copySource({ ...settings, bindDn: 'cn=reader,dc=example,dc=com' })).toBe(copySource(settings))
    expect(JSON.parse(copySource(settings))).toEqual({
      url: settings.url,
      baseDn: settings.baseDn,
      filter: settings.filter,
      attributes: settings.attributes
    })
  })
})
