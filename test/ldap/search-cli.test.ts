/**
 * `deskdial search`, run from the built CLI (out/cli/deskdial.cjs, made by `npm run build`) on a
 * data directory of its own, against a real slapd: contacts and directory merged and ranked, the
 * password from the environment, the directory's failures as sentences with local results kept.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireTool } from '../sip/support/require-tool'
import { PEOPLE_DN, READER_DN, startSlapd, type TestDirectory } from './support/slapd'

const CLI = resolve(import.meta.dirname, '../../out/cli/deskdial.cjs')
const tools = requireTool('slapd') && requireTool('openssl')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

describe.skipIf(!tools)('deskdial search', () => {
  let server: TestDirectory
  let userData: string

  function search(args: string[], env: Record<string, string> = {}): Promise<Run> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
    return new Promise((done) => {
      const child = execFile(
        process.execPath,
        [CLI, 'search', ...args],
        { env: { PATH: process.env.PATH, DESKDIAL_USER_DATA: userData, ...env }, timeout: 30_000 },
        (_error, stdout, stderr) => done({ code: child.exitCode, stdout, stderr })
      )
    })
  }
  const ldap = (): string[] => ['--ldap-url', server.url, '--ldap-base', PEOPLE_DN, '--ldap-bind-dn', READER_DN]
  const lines = (run: Run): unknown[] =>
    run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown)

  beforeAll(async () => {
    server = await startSlapd({ people: 1000 })
    userData = await mkdtemp(join(tmpdir(), 'deskdial-search-cli-'))
    await writeFile(
      join(userData, 'contacts.json'),
      JSON.stringify({
        version: 1,
        contacts: [
          { id: 'c1', name: 'Jürgen Mueller', numbers: [{ label: 'home', number: '+49 201 4445566' }] },
          { id: 'c2', name: 'Anna Local', company: 'Home', numbers: [{ label: 'mobile', number: '0171 1234567' }] }
        ]
      })
    )
  })

  afterAll(async () => {
    await server?.stop()
    if (userData) await rm(userData, { recursive: true, force: true })
  })

  it('merges the contacts and the directory, ranked, one JSON object per line', async () => {
    const run = await search(['müller', ...ldap(), '--json'], { DESKDIAL_LDAP_PASSWORD: server.password })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const results = lines(run)
    expect(results[0]).toEqual({
      name: 'Jürgen Müller',
      number: '+1 (201) 555-0123',
      label: 'work',
      company: 'Example GmbH',
      source: 'directory'
    })
    expect(results).toContainEqual({
      name: 'Jürgen Mueller',
      number: '+49 201 4445566',
      label: 'home',
      company: '',
      source: 'contacts'
    })
  })

  it('prints a line per result and keeps to --limit', async () => {
    const run = await search(['201 555 0456', ...ldap(), '--limit', '1'], { DESKDIAL_LDAP_PASSWORD: server.password })
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('Anna Miller  201.555.0456 (work)  Example Inc.  [directory]\n')
  })

  it('reads the directory section of the app settings file, over LDAPS with the CA file', async () => {
    const settings = join(userData, 'settings.json')
    await writeFile(
      settings,
      JSON.stringify({
        version: 1,
        settings: { directory: server.settings({ url: server.ldapsUrl, caFile: server.caFile, bindDn: '' }) }
      })
    )
    const run = await search(['soren', '--config', settings, '--json'])
    expect(run.code).toBe(0)
    expect(lines(run)).toEqual([
      {
        name: 'Søren Kierkegaard',
        number: '+45 33 12 34 56',
        label: 'work',
        company: 'Example ApS',
        source: 'directory'
      }
    ])
  })

  it('says why the directory was not searched, and still prints the contacts and the offline copy', async () => {
    const refused = `The company directory was not searched: The directory at 127.0.0.1:${new URL(server.url).port} refused the bind DN "${READER_DN}" or its password (LDAP result 49, invalid credentials). Check the bind DN and enter the password again.`
    const empty = await mkdtemp(join(tmpdir(), 'deskdial-search-cli-empty-'))
    try {
      await writeFile(join(empty, 'contacts.json'), await readFile(join(userData, 'contacts.json')))
      const run = await search(['anna', ...ldap(), '--json'], {
        DESKDIAL_LDAP_PASSWORD: 'wrong',
        DESKDIAL_USER_DATA: empty
      })
      expect(run.code).toBe(1)
      expect(lines(run)).toEqual([
        { event: 'error', message: refused, exitCode: 1 },
        { name: 'Anna Local', number: '0171 1234567', label: 'mobile', company: 'Home', source: 'contacts' }
      ])
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
    // The data folder of the tests above holds the copy fetched by the first: its people are found.
    const withCopy = await search(['anna miller', ...ldap(), '--json'], { DESKDIAL_LDAP_PASSWORD: 'wrong' })
    expect(withCopy.code).toBe(1)
    expect(lines(withCopy)).toEqual([
      { event: 'error', message: refused, exitCode: 1 },
      { name: 'Anna Miller', number: '201.555.0456', label: 'work', company: 'Example Inc.', source: 'directory' }
    ])
  })

  it('refuses an LDAPS server it cannot verify without --ldap-ca', async () => {
    const run = await search(['anna', '--ldap-url', server.ldapsUrl, '--ldap-base', PEOPLE_DN])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^The company directory was not searched: The certificate of the directory at .* is not trusted/
    )
    const trusted = await search([
      'anna miller',
      '--ldap-url',
      server.ldapsUrl,
      '--ldap-base',
      PEOPLE_DN,
      '--ldap-ca',
      server.caFile
    ])
    expect(trusted.stdout).toBe('Anna Miller  201.555.0456 (work)  Example Inc.  [directory]\n')
  })

  it('exits 2 with a sentence for bad usage', async () => {
    const noBase = await search(['anna', '--ldap-url', server.url])
    expect(noBase.code).toBe(2)
    expect(noBase.stderr).toMatch(
      /^The directory settings cannot be used: Enter the base DN, e\.g\. ou=people,dc=example,dc=com\./
    )
    const badFilter = await search(['anna', ...ldap(), '--ldap-filter', 'objectClass=*', '--json'])
    expect(badFilter.code).toBe(2)
    expect(lines(badFilter)).toEqual([
      {
        event: 'error',
        message:
          'The directory settings cannot be used: Search filter must be one LDAP filter in parentheses, e.g. (objectClass=inetOrgPerson).',
        exitCode: 2
      }
    ])
    expect((await search([])).code).toBe(2)
    const both = await search(['anna', ...ldap(), '--offline', '--refresh'])
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/^--offline and --refresh cannot go together: --refresh asks the directory server\./)
    const refreshNothing = await search(['anna', '--refresh'])
    expect(refreshNothing.code).toBe(2)
    expect(refreshNothing.stderr).toMatch(
      /^--refresh needs the directory: give --ldap-url and --ldap-base, or --config\./
    )
  })

  it('says so when --offline finds no offline copy, and prints the contacts', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'deskdial-search-cli-empty-'))
    try {
      await writeFile(
        join(empty, 'contacts.json'),
        JSON.stringify({
          version: 1,
          contacts: [{ id: 'c1', name: 'Anna Local', numbers: [{ label: 'mobile', number: '0171 1234567' }] }]
        })
      )
      const run = await search(['anna', '--offline'], { DESKDIAL_USER_DATA: empty })
      expect(run.code).toBe(0)
      expect(run.stderr).toBe(
        `There is no offline copy of the company directory in ${empty} yet: search once without --offline, or let the app fetch it.\n`
      )
      expect(run.stdout).toBe('Anna Local  0171 1234567 (mobile)  [contacts]\n')
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})
