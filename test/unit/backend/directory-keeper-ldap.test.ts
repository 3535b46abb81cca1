import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DirectoryKeeper } from '../../../src/main/backend/directory-keeper'
import { FileContactStore } from '../../../src/main/contacts/contact-store'
import { FavouritesStore } from '../../../src/main/contacts/favourites-store'
import { DirectoryCache, LdapDirectory } from '../../../src/main/directory'
import { FileHistoryStore } from '../../../src/main/history/history-store'
import type { DirectorySearchAnswer } from '../../../src/shared/directory-search'
import { startSlapd, type TestDirectory } from '../../ldap/support/slapd'
import { requireTool } from '../../sip/support/require-tool'

const tools = requireTool('slapd') && requireTool('openssl')

describe.skipIf(!tools)('DirectoryKeeper against a real OpenLDAP server', () => {
  let server: TestDirectory
  let folder: string
  let keeper: DirectoryKeeper
  const answers: DirectorySearchAnswer[] = []

  beforeAll(async () => {
    server = await startSlapd({ people: 1000 })
    folder = await mkdtemp(join(tmpdir(), 'deskdial-keeper-ldap-'))
    const contacts = new FileContactStore({ directory: folder })
    await contacts.save({ name: 'Anna Local', numbers: [{ label: 'work', number: '1002' }] })
    const settings = server.settings({ enabled: true })
    keeper = new DirectoryKeeper({
      contacts,
      history: new FileHistoryStore({ directory: folder }),
      favourites: new FavouritesStore({ directory: folder }),
      directorySettings: () => settings,
      directoryPassword: async () => server.password,
      openDirectory: (directorySettings, password) =>
        new LdapDirectory({ settings: directorySettings, password, timeoutMs: 2_000 }),
      copy: new DirectoryCache(join(folder, 'directory-cache.json')),
      onResults: (answer) => answers.push(answer),
      onStatus: () => undefined,
      log: () => undefined,
      debounceMs: 10
    })
  }, 60_000)

  afterAll(async () => {
    await keeper?.stop()
    await server?.stop()
    await rm(folder, { recursive: true, force: true })
  })

  it('copies the directory, finds a typo with a folded diacritic in it, and says when the server is gone', async () => {
    await keeper.start()
    await vi.waitFor(() => expect(keeper.status.state).toBe('ready'), { timeout: 20_000 })
    expect(keeper.status.message).toBe(
      `Company directory: ${server.people.length.toLocaleString('en')} people available offline.`
    )
    const found = await keeper.search('mulelr', 5)
    expect(found.results[0]).toMatchObject({ name: 'Jürgen Müller', source: 'directory', number: '+1 (201) 555-0123' })

    server.kill()
    const latest = await keeper.search('anna local', 5)
    await vi.waitFor(() => expect(answers.at(-1)?.searchId).toBe(latest.searchId), { timeout: 10_000 })
    expect(answers.at(-1)?.directory.state).toMatch(/unreachable|slow/)
    expect(answers.at(-1)?.directory.message).toMatch(/^Company directory (not reachable: |is slow)/)
    expect(answers.at(-1)?.results.map((result) => result.name)).toContain('Anna Local')
  }, 60_000)
})
