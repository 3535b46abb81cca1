/**
 * Issue 14 §1 measured from outside: a directory of 3,000 people from many countries, half of them
 * moved from Active Directory, on a real slapd (size limit 500), searched with the built CLI
 * (`deskdial search <q> --ldap-url … --ldap-base … --ldap-bind-dn … --limit 5 --json`) and with the
 * app's DirectoryKeeper over the same data folder. The CLI finds at least 95% of the query set in
 * its first five, every exact name first, and gives the same first five as the app.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DirectoryKeeper } from '../../src/main/backend/directory-keeper'
import { FileContactStore } from '../../src/main/contacts/contact-store'
import { FavouritesStore } from '../../src/main/contacts/favourites-store'
import { copyIsCurrent, copySource, DirectoryCache, directoryCopyFile, LdapDirectory } from '../../src/main/directory'
import { FileHistoryStore } from '../../src/main/history/history-store'
import type { DirectorySearchAnswer } from '../../src/shared/directory-search'
import { requireTool } from '../sip/support/require-tool'
import { PEOPLE_DN, READER_DN, startSlapd, type TestDirectory } from './support/slapd'
import { WORLD_QUERIES, worldPeople } from './support/world-people'

const CLI = resolve(import.meta.dirname, '../../out/cli/deskdial.cjs')
const tools = requireTool('slapd') && requireTool('openssl')

interface Found {
  name: string
  number: string
  source: string
}

describe.skipIf(!tools)('deskdial search on a 3,000-person directory from many countries', () => {
  let server: TestDirectory
  let folder: string
  /** The data folder the CLI runs on: `folder` unless a test says otherwise. */
  let dataFolder = ''

  function search(query: string, ...flags: string[]): Promise<Found[]> {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
    const args = [CLI, 'search', query, '--ldap-url', server.url, '--ldap-base', PEOPLE_DN]
    args.push('--ldap-bind-dn', READER_DN, '--limit', '5', '--json', ...flags)
    return new Promise((done, fail) =>
      execFile(
        process.execPath,
        args,
        {
          env: { PATH: process.env.PATH, DESKDIAL_USER_DATA: dataFolder, DESKDIAL_LDAP_PASSWORD: server.password },
          timeout: 30_000
        },
        (error, stdout, stderr) => {
          if (error) fail(new Error(`deskdial search ${query}: ${error.message} ${stderr}`))
          else
            done(
              stdout
                .trim()
                .split('\n')
                .filter(Boolean)
                .map((line) => JSON.parse(line) as Found)
            )
        }
      )
    )
  }
  const nameOf = (uid: string): string => {
    const person = server.people.find((candidate) => candidate.uid === uid)!
    return person.displayName ?? person.cn
  }

  beforeAll(async () => {
    server = await startSlapd({ directory: worldPeople(3000), sizeLimit: 500 })
    folder = await mkdtemp(join(tmpdir(), 'deskdial-search-world-'))
    dataFolder = folder
    // Usage the app and the CLI must both weigh: a recent call and a starred number.
    await writeFile(
      join(folder, 'history.json'),
      JSON.stringify({
        version: 1,
        calls: [
          {
            id: 'call-1',
            target: '+48 22 700000',
            dialString: '004822700000',
            startedAt: Date.now() - 3_600_000,
            state: 'ended',
            reason: 'Call ended'
          }
        ]
      })
    )
    await writeFile(
      join(folder, 'favourites.json'),
      JSON.stringify({ version: 1, favourites: [{ number: '+49 69 700002' }] })
    )
    await new FileContactStore({ directory: folder }).save({
      name: 'Paweł Kowalski',
      company: 'Customer',
      numbers: [{ label: 'mobile', number: '+48 601 555 019' }]
    })
  }, 60_000)

  afterAll(async () => {
    await server?.stop()
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  it('fetches the offline copy once into the data folder, and uses it while it is fresh', async () => {
    await search('pk')
    const fetched = (await stat(directoryCopyFile(folder))).mtimeMs
    expect((await new DirectoryCache(directoryCopyFile(folder)).read()).length).toBe(server.people.length)
    await search('jmw')
    expect((await stat(directoryCopyFile(folder))).mtimeMs).toBe(fetched)
    await search('jmw', '--refresh')
    expect((await stat(directoryCopyFile(folder))).mtimeMs).toBeGreaterThan(fetched)
  })

  it('finds at least 95% of the query set in the first five', async () => {
    expect(WORLD_QUERIES.length).toBeGreaterThanOrEqual(44)
    const misses: string[] = []
    for (const { query, uid, kind } of WORLD_QUERIES) {
      const names = (await search(query)).map((found) => found.name)
      if (!names.includes(nameOf(uid))) misses.push(`${kind}: "${query}" for ${nameOf(uid)} gave ${names.join(', ')}`)
    }
    expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(Math.floor(WORLD_QUERIES.length * 0.05))
  }, 120_000)

  it('puts every exact name first, typed as stored', async () => {
    for (const uid of new Set(WORLD_QUERIES.map((entry) => entry.uid))) {
      const [first] = await search(nameOf(uid))
      expect(first?.name, nameOf(uid)).toBe(nameOf(uid))
    }
  }, 120_000)

  it("leaves the app's copy of another directory as it is, and searches a fresh one of its own", async () => {
    const other = await mkdtemp(join(tmpdir(), 'deskdial-search-world-other-'))
    const before = dataFolder
    try {
      const appCopy = new DirectoryCache(directoryCopyFile(other))
      const colleague = {
        id: 'directory:uid=x,o=other',
        source: 'directory' as const,
        name: 'Other Colleague',
        numbers: []
      }
      await appCopy.write([colleague], 'another directory')
      dataFolder = other
      expect((await search('x5127'))[0]).toMatchObject({ name: 'Paweł Kowalczyk', source: 'directory' })
      expect(await appCopy.readCopy()).toMatchObject({ entries: [colleague], source: 'another directory' })
    } finally {
      dataFolder = before
      await rm(other, { recursive: true, force: true })
    }
  })

  it('answers from the offline copy alone with --offline, the server down', async () => {
    const offline = await search('x5127', '--offline', '--ldap-url', 'ldap://127.0.0.1:9')
    expect(offline[0]).toMatchObject({ name: 'Paweł Kowalczyk', number: 'x5127', source: 'directory' })
  })

  it('gives the same first five as the app, over the same data folder and server', async () => {
    const answers: DirectorySearchAnswer[] = []
    const settings = server.settings()
    const keeper = new DirectoryKeeper({
      contacts: new FileContactStore({ directory: folder }),
      history: new FileHistoryStore({ directory: folder }),
      favourites: new FavouritesStore({ directory: folder }),
      directorySettings: () => settings,
      directoryPassword: async () => server.password,
      openDirectory: (directorySettings, password) => new LdapDirectory({ settings: directorySettings, password }),
      copy: new DirectoryCache(directoryCopyFile(folder)),
      onResults: (answer) => answers.push(answer),
      onStatus: () => undefined,
      log: () => undefined,
      debounceMs: 0
    })
    try {
      await keeper.start()
      await vi.waitFor(() => expect(keeper.status.state).toBe('ready'), { timeout: 20_000 })
      // The copy the app has just fetched says which directory it holds, so the CLI uses it while it is fresh.
      const copy = await new DirectoryCache(directoryCopyFile(folder)).readCopy()
      expect(copy.source).toBe(copySource(settings))
      expect(copyIsCurrent(copy, settings, Date.now())).toBe(true)
      // Besides the query set, names many people share: the call and the star decide who comes first.
      for (const query of [...WORLD_QUERIES.map((entry) => entry.query), 'anna', 'schmidt', 'thomas s', '700']) {
        const { searchId } = await keeper.search(query, 5)
        await vi.waitFor(() => expect(answers.at(-1)?.searchId).toBe(searchId), { timeout: 10_000 })
        const app = answers.at(-1)!.results.map(({ name, number, source }) => ({ name, number, source }))
        const cli = (await search(query)).map(({ name, number, source }) => ({ name, number, source }))
        expect(cli, query).toEqual(app)
      }
    } finally {
      await keeper.stop()
    }
  }, 180_000)
})
