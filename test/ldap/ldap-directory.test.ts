/**
 * LdapDirectory against a real OpenLDAP server (slapd on loopback, a few thousand people, a size
 * limit of 500 for searches that do not page): search by name and digits, paging past the limit,
 * binds, LDAPS and StartTLS with a test CA, cancelling, and a server that dies mid-search.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client, SizeLimitExceededError } from 'ldapts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DirectoryCache, DirectoryError, LdapDirectory, type LdapDirectoryOptions } from '../../src/main/directory'
import { requireTool } from '../sip/support/require-tool'
import { PEOPLE_DN, READER_DN, startSlapd, type TestDirectory } from './support/slapd'

const tools = requireTool('slapd') && requireTool('openssl')

async function failure(promise: Promise<unknown>): Promise<DirectoryError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection
  )
  expect(error).toBeInstanceOf(DirectoryError)
  return error as DirectoryError
}

describe.skipIf(!tools)('the company directory over LDAP', () => {
  let server: TestDirectory
  const directory = (options: Partial<LdapDirectoryOptions> = {}): LdapDirectory =>
    new LdapDirectory({ settings: server.settings(), password: server.password, ...options })
  const names = async (query: string, limit = 20): Promise<string[]> =>
    (await directory().search(query, { limit })).entries.map((entry) => entry.name)

  beforeAll(async () => {
    server = await startSlapd()
  })

  afterAll(async () => {
    await server?.stop()
  })

  describe('search', () => {
    it('finds a name by the start of any of its words, with the mapped fields and labelled numbers', async () => {
      const { entries, complete } = await directory().search('müll', { limit: 20 })
      expect(complete).toBe(true)
      expect(entries).toEqual([
        {
          id: `directory:uid=jmueller,${PEOPLE_DN}`,
          source: 'directory',
          name: 'Jürgen Müller',
          company: 'Example GmbH',
          department: 'Sales',
          title: 'Account Manager',
          email: 'juergen.mueller@example.com',
          numbers: [
            { label: 'work', number: '+1 (201) 555-0123' },
            { label: 'mobile', number: '+49 171 5550199' }
          ]
        }
      ])
      expect(await names('john')).toContain('Doe, John')
      expect(await names('DOE jo')).toEqual(['Doe, John'])
    })

    it('reads a person moved from Active Directory with the default map: its display name, every number, and the department with its number and place', async () => {
      const { entries } = await directory().search('x5127', { limit: 5 })
      expect(entries).toEqual([
        {
          id: `directory:uid=pkowalczyk,${PEOPLE_DN}`,
          source: 'directory',
          name: 'Paweł Kowalczyk',
          company: 'Example Sp. z o.o.',
          department: 'Treasury · 4711 · Kraków',
          title: 'Controller',
          email: 'pawel.kowalczyk@example.pl',
          numbers: [
            { label: 'work', number: '+48 22 555 0142' },
            { label: 'work', number: '+48 22 555 0143' },
            { label: 'work', number: 'x5127' }
          ]
        }
      ])
      expect(await names('treasury')).toEqual(['Paweł Kowalczyk'])
      const withoutName = directory({
        settings: server.settings({ attributes: { ...server.settings().attributes, name: 'initials' } })
      })
      expect((await withoutName.search('5127', { limit: 5 })).entries.map((entry) => entry.name)).toEqual([
        'Paweł Kowalczyk'
      ])
    })

    it('finds "Müller" for "muller" and "José" for "jose" by the server\'s approximate match', async () => {
      expect(await names('muller')).toContain('Jürgen Müller')
      expect(await names('jose')).toContain('José García')
      expect(await names('soren')).toContain('Søren Kierkegaard')
    })

    it('finds digits in numbers written in any style, in every number attribute', async () => {
      expect(await names('555-0123')).toContain('Jürgen Müller')
      expect(await names('(201) 5550456')).toEqual(['Anna Miller'])
      expect(await names('0201 555 0789')).toEqual(['Doe, John'])
      // José's mobile, not his work number.
      expect(await names('600 555 777')).toEqual(['José García'])
    })

    it('returns at most the limit and says when there are more', async () => {
      const { entries, complete } = await directory().search('jan', { limit: 7 })
      expect(entries).toHaveLength(7)
      expect(complete).toBe(false)
    })

    it('escapes what the person typed: parentheses, asterisks, backslash and NUL cannot change the filter', async () => {
      expect(await names('*')).toEqual([])
      expect(await names('*)(objectClass=*')).toEqual([])
      expect(await names('(*)')).toEqual(['Star (*) Back\\slash'])
      expect(await names('back\\slash')).toEqual(['Star (*) Back\\slash'])
      expect(await names('nobody\u0000*')).toEqual([])
      expect(await names('   ')).toEqual([])
    })
  })

  describe('paging', () => {
    it('the server stops a search that does not page at its size limit', async () => {
      const client = new Client({ url: server.url })
      try {
        await client.bind(READER_DN, server.password)
        await expect(client.search(PEOPLE_DN, { filter: '(objectClass=inetOrgPerson)' })).rejects.toBeInstanceOf(
          SizeLimitExceededError
        )
      } finally {
        await client.unbind()
      }
    })

    it('fetchAll pages past the size limit to every person, reporting progress after each page', async () => {
      const progress: number[] = []
      const entries = await directory().fetchAll({ onProgress: (count) => progress.push(count) })
      expect(server.people.length).toBeGreaterThan(server.sizeLimit * 5)
      expect(entries).toHaveLength(server.people.length)
      expect(new Set(entries.map((entry) => entry.id)).size).toBe(server.people.length)
      expect(progress.length).toBeGreaterThan(1)
      expect(progress.at(-1)).toBe(server.people.length)
      expect(await directory().fetchAll({ max: 250 })).toHaveLength(250)
    })
  })

  describe('binds and encryption', () => {
    it('says when the bind DN or password is wrong (LDAP result 49)', async () => {
      const error = await failure(directory({ password: 'wrong' }).search('anna', { limit: 5 }))
      expect(error.kind).toBe('bind')
      expect(error.message).toBe(
        `The directory at 127.0.0.1:${new URL(server.url).port} refused the bind DN "${READER_DN}" or its password (LDAP result 49, invalid credentials). Check the bind DN and enter the password again.`
      )
      expect(await directory({ password: 'wrong' }).test()).toEqual({ ok: false, error: error.message })
    })

    it('binds anonymously when there is no bind DN', async () => {
      const anonymous = directory({ settings: server.settings({ bindDn: '' }), password: undefined })
      expect((await anonymous.search('kierkegaard', { limit: 5 })).entries.map((entry) => entry.name)).toEqual([
        'Søren Kierkegaard'
      ])
      const result = await anonymous.test()
      expect(result.ok && result.detail).toMatch(
        /^Connected to 127\.0\.0\.1:\d+ without encryption and bound anonymously; found /
      )
    })

    it('connects over LDAPS when the CA file holds the CA that signed the server certificate', async () => {
      const ldaps = directory({ settings: server.settings({ url: server.ldapsUrl, caFile: server.caFile }) })
      expect(await ldaps.test()).toEqual({
        ok: true,
        detail: `Connected to 127.0.0.1:${new URL(server.ldapsUrl).port} over LDAPS and bound as ${READER_DN}; found Jürgen Müller under ${PEOPLE_DN}.`
      })
      expect((await ldaps.search('anna miller', { limit: 5 })).entries.map((entry) => entry.name)).toEqual([
        'Anna Miller'
      ])
    })

    it('refuses an LDAPS server whose certificate it cannot verify, and says to choose the CA file', async () => {
      const error = await failure(
        directory({ settings: server.settings({ url: server.ldapsUrl }) }).search('anna', { limit: 5 })
      )
      expect(error.kind).toBe('tls')
      expect(error.message).toMatch(
        /^The certificate of the directory at 127\.0\.0\.1:\d+ is not trusted \([A-Z_]+\)\. Choose the PEM file of the CA that signed it as the directory CA certificate file in Settings\.$/
      )
    })

    it('upgrades ldap:// with StartTLS before binding, verifying the certificate', async () => {
      const startTls = directory({ settings: server.settings({ startTls: true, caFile: server.caFile }) })
      const result = await startTls.test()
      expect(result.ok && result.detail).toMatch(/ with StartTLS and bound as /)
      expect((await startTls.search('555 0456', { limit: 5 })).entries.map((entry) => entry.name)).toEqual([
        'Anna Miller'
      ])
      const untrusted = await failure(
        directory({ settings: server.settings({ startTls: true }) }).search('anna', { limit: 5 })
      )
      expect(untrusted.kind).toBe('tls')
    })

    it('explains a CA file that cannot be read', async () => {
      const missing = join(tmpdir(), 'deskdial-no-such-ca.pem')
      const error = await failure(
        directory({ settings: server.settings({ url: server.ldapsUrl, caFile: missing }) }).fetchAll()
      )
      expect(error.kind).toBe('tls')
      expect(error.message).toBe(
        `The CA file "${missing}" could not be read (ENOENT). Choose the CA file again in Settings.`
      )
    })

    it('says when the base DN does not exist (LDAP result 32)', async () => {
      const error = await failure(
        directory({ settings: server.settings({ baseDn: `ou=nobody,dc=example,dc=com` }) }).fetchAll()
      )
      expect(error.kind).toBe('settings')
      expect(error.message).toMatch(/^The base DN "ou=nobody,dc=example,dc=com" does not exist on the directory at /)
    })
  })

  describe('cancelling', () => {
    it('a superseded search stops: it rejects as cancelled and reads no further page', async () => {
      const superseded = new AbortController()
      const progress: number[] = []
      const fetching = directory().fetchAll({
        signal: superseded.signal,
        onProgress: (count) => {
          progress.push(count)
          superseded.abort()
        }
      })
      const error = await failure(fetching)
      expect(error.kind).toBe('cancelled')
      expect(progress).toEqual([200])
    })

    it('a search aborted before it connects never starts', async () => {
      const error = await failure(directory().search('anna', { limit: 5, signal: AbortSignal.abort() }))
      expect(error.kind).toBe('cancelled')
    })

    it('close() stops what is running', async () => {
      const ldap = directory()
      const fetching = ldap.fetchAll({ onProgress: () => void ldap.close() })
      expect((await failure(fetching)).kind).toBe('cancelled')
    })
  })
})

describe.skipIf(!tools)('a directory server that dies', () => {
  it('in the middle of a fetchAll: a clear error, no hang; then "nothing answers"', async () => {
    const server = await startSlapd({ people: 2000 })
    try {
      const ldap = new LdapDirectory({ settings: server.settings(), password: server.password })
      const error = await failure(ldap.fetchAll({ onProgress: () => void server.kill() }))
      expect(error.kind).toBe('unreachable')
      expect(error.message).toMatch(
        /^The connection to the directory at 127\.0\.0\.1:\d+ was closed before it answered\. The directory may have stopped or restarted: try again in a moment\.$/
      )
      await server.kill()
      const after = await failure(ldap.search('anna', { limit: 5 }))
      expect(after.kind).toBe('unreachable')
      expect(after.message).toMatch(/^Nothing answers at 127\.0\.0\.1:\d+ \(connection refused\)\./)
    } finally {
      await server.stop()
    }
  })
})

describe('the offline cache', () => {
  let dir: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskdial-directory-cache-'))
  })

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads back what it wrote', async () => {
    const cache = new DirectoryCache(join(dir, 'directory-cache.json'))
    expect(await cache.read()).toEqual([])
    const entries = [
      {
        id: `directory:uid=a,${PEOPLE_DN}`,
        source: 'directory' as const,
        name: 'Ødegaard, Ines',
        department: 'Sales',
        numbers: [{ label: 'work' as const, number: '+47 22 55 01 23' }]
      }
    ]
    await cache.write(entries)
    expect(await new DirectoryCache(join(dir, 'directory-cache.json')).read()).toEqual(entries)
  })

  it('leaves out a broken file or entry instead of failing', async () => {
    const file = join(dir, 'broken.json')
    await writeFile(file, '{"entries": [')
    expect(await new DirectoryCache(file).read()).toEqual([])
    await writeFile(
      file,
      JSON.stringify({
        entries: [
          { id: 'directory:x', source: 'directory', name: 'Kept', numbers: [] },
          { id: 'contacts:y', source: 'contacts', name: 'Not from the directory', numbers: [] },
          { id: 'directory:z', source: 'directory', name: 'Bad number', numbers: [{ label: 'fax', number: '1' }] }
        ]
      })
    )
    expect((await new DirectoryCache(file).read()).map((entry) => entry.name)).toEqual(['Kept'])
  })
})
