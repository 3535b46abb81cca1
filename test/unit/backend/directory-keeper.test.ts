import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DirectoryKeeper, type DirectoryKeeperOptions } from '../../../src/main/backend/directory-keeper'
import { FileContactStore } from '../../../src/main/contacts/contact-store'
import { FavouritesStore } from '../../../src/main/contacts/favourites-store'
import { DirectoryCache, type CompanyDirectory, type DirectoryEntry } from '../../../src/main/directory'
import { FileHistoryStore } from '../../../src/main/history/history-store'
import type { DirectorySearchAnswer, DirectoryStatus } from '../../../src/shared/directory-search'
import { defaultDirectorySettings, type DirectorySettings } from '../../../src/shared/directory-settings'

/** A company directory whose answers the test gives when it wants, and which remembers what it was asked. */
class DirectoryDouble implements CompanyDirectory {
  readonly asked: Array<{
    query: string
    signal?: AbortSignal
    answer(entries: DirectoryEntry[]): void
    fail(error: Error): void
  }> = []
  everyone: DirectoryEntry[] = []

  search(query: string, options: { limit: number; signal?: AbortSignal }): Promise<{ entries: DirectoryEntry[] }> {
    return new Promise((resolve, reject) => {
      this.asked.push({ query, signal: options.signal, answer: (entries) => resolve({ entries }), fail: reject })
    })
  }

  async fetchAll(): Promise<DirectoryEntry[]> {
    return this.everyone
  }

  async close(): Promise<void> {}
}

const MUELLER: DirectoryEntry = {
  id: 'directory:uid=jmueller,ou=people,dc=example,dc=com',
  source: 'directory',
  name: 'Jürgen Müller',
  department: 'Purchasing',
  numbers: [{ label: 'work', number: '+49 201 555 0170' }]
}

let folder: string
let contacts: FileContactStore
let answers: DirectorySearchAnswer[]
let statuses: DirectoryStatus[]
let logged: string[]
let directory: DirectoryDouble
let settings: DirectorySettings
let keeper: DirectoryKeeper

function openKeeper(): DirectoryKeeper {
  contacts = new FileContactStore({ directory: folder })
  return new DirectoryKeeper(keeperOptions())
}

function keeperOptions(): DirectoryKeeperOptions {
  return {
    contacts,
    history: new FileHistoryStore({ directory: folder }),
    favourites: new FavouritesStore({ directory: folder, log: (message) => logged.push(message) }),
    directorySettings: () => settings,
    directoryPassword: async () => 'secret',
    openDirectory: () => directory,
    onResults: (answer) => answers.push(answer),
    onStatus: (status) => statuses.push(status),
    log: (_level, message) => logged.push(message),
    debounceMs: 250,
    slowMs: 1_500
  }
}

const names = (answer: DirectorySearchAnswer) => answer.results.map((result) => result.name)

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-keeper-'))
  answers = []
  statuses = []
  logged = []
  directory = new DirectoryDouble()
  settings = defaultDirectorySettings()
  keeper = openKeeper()
  for (const name of ['Anna Alpha', 'Anna Beta', 'Jule Muller'])
    await contacts.save({ name, numbers: [{ label: 'work', number: `+1 201 555 01${name.length}${name[5]?.length}` }] })
})

afterEach(async () => {
  vi.useRealTimers()
  await keeper.stop()
  await rm(folder, { recursive: true, force: true })
})

function directoryOn(): void {
  settings = { ...settings, enabled: true, url: 'ldap://127.0.0.1:3389', baseDn: 'dc=example,dc=com' }
}

describe('DirectoryKeeper', () => {
  it('answers from the local contacts at once, ranked, with the matched characters', async () => {
    const answer = await keeper.search('ann', 20)
    expect(names(answer)).toEqual(['Anna Alpha', 'Anna Beta'])
    expect(answer.results[0]).toMatchObject({ source: 'contacts', label: 'work', highlights: { name: [[0, 3]] } })
    expect(answer.directory.state).toBe('off')
    expect(directory.asked).toEqual([])
  })

  it('sends the query to the company directory only after typing pauses, and merges its answer', async () => {
    directoryOn()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    for (const typed of ['mu', 'mul', 'mull']) await keeper.search(typed, 20)
    await vi.advanceTimersByTimeAsync(249)
    expect(directory.asked).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(directory.asked.map((asked) => asked.query)).toEqual(['mull'])
    directory.asked[0].answer([MUELLER])
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    expect(answers[0].searchId).toBe(3)
    expect(names(answers[0])).toEqual(['Jule Muller', 'Jürgen Müller'])
    expect(answers[0].results[1]).toMatchObject({ source: 'directory', number: '+49 201 555 0170' })
    expect(answers[0].directory.state).toBe('ready')
  })

  it('aborts the directory query of a superseded search and drops its answer', async () => {
    directoryOn()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await keeper.search('mull', 20)
    await vi.advanceTimersByTimeAsync(250)
    const first = directory.asked[0]
    const latest = await keeper.search('muller', 20)
    expect(first.signal?.aborted).toBe(true)
    first.answer([MUELLER])
    await vi.advanceTimersByTimeAsync(250)
    directory.asked[1].answer([])
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    expect(answers[0].searchId).toBe(latest.searchId)
    expect(names(answers[0])).toEqual(['Jule Muller'])
  })

  it('shows a directory that is down with its sentence, and the local results stay', async () => {
    directoryOn()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await keeper.search('anna', 20)
    await vi.advanceTimersByTimeAsync(250)
    directory.asked[0].fail(new Error('Nothing answers at 127.0.0.1:3389; check the server address.'))
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    expect(answers[0].directory).toEqual({
      state: 'unreachable',
      message:
        'Company directory not reachable: Nothing answers at 127.0.0.1:3389; check the server address. Showing your contacts and its offline copy.'
    })
    expect(names(answers[0])).toEqual(['Anna Alpha', 'Anna Beta'])
  })

  it('shows a directory that does not answer within 1.5 s as slow, with the local results', async () => {
    directoryOn()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await keeper.search('anna', 20)
    await vi.advanceTimersByTimeAsync(250 + 1_499)
    expect(answers).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(answers).toHaveLength(1)
    expect(answers[0].directory.state).toBe('slow')
    expect(answers[0].directory.message).toMatch(/^Company directory is slow/)
    expect(names(answers[0])).toEqual(['Anna Alpha', 'Anna Beta'])
  })

  it('ranks a favourite first, and keeps it after a restart', async () => {
    const beta = (await contacts.list()).find((contact) => contact.name === 'Anna Beta')!
    await keeper.setFavourite({ contactId: beta.id }, true)
    const answer = await keeper.search('anna', 20)
    expect(names(answer)).toEqual(['Anna Beta', 'Anna Alpha'])
    expect(answer.results.map((result) => result.favourite)).toEqual([true, false])

    await keeper.stop()
    keeper = openKeeper()
    expect(names(await keeper.search('anna', 20))).toEqual(['Anna Beta', 'Anna Alpha'])
    expect(names(await keeper.search('', 20))).toEqual(['Anna Beta'])
    await keeper.setFavourite({ contactId: beta.id }, false)
    expect(names(await keeper.search('anna', 20))).toEqual(['Anna Alpha', 'Anna Beta'])
  })

  it('stars a number from the directory, so that its entry ranks first', async () => {
    directoryOn()
    directory.everyone = [
      MUELLER,
      {
        ...MUELLER,
        id: 'directory:uid=amueller',
        name: 'Anke Müller',
        numbers: [{ label: 'work', number: '+49 201 555 0100' }]
      }
    ]
    await keeper.start()
    await vi.waitFor(() => expect(keeper.status.state).toBe('ready'))
    expect(names(await keeper.search('muller', 20))).toEqual(['Anke Müller', 'Jule Muller', 'Jürgen Müller'])
    await keeper.setFavourite({ number: '+49 201 555 0170', name: 'Jürgen Müller' }, true)
    expect(names(await keeper.search('muller', 20))[0]).toBe('Jürgen Müller')
  })

  it('finds a contact by its new name after an edit, and not after it is deleted', async () => {
    const alpha = (await contacts.list()).find((contact) => contact.name === 'Anna Alpha')!
    await keeper.start()
    const saved = await contacts.save({ ...alpha, name: 'Zora Alpha' })
    if (!saved.ok) throw new Error(saved.error)
    await keeper.contactSaved(saved.contact)
    expect(names(await keeper.search('zora', 20))).toEqual(['Zora Alpha'])
    expect(names(await keeper.search('anna', 20))).toEqual(['Anna Beta'])
    await keeper.contactDeleted(alpha.id)
    expect(names(await keeper.search('zora', 20))).toEqual([])
  })

  it('finds imported contacts once the import reports, without losing a contact saved while the index was rebuilt', async () => {
    await keeper.start()
    const imported = Array.from({ length: 5_000 }, (_, index) => ({
      name: `Imported Person ${index}`,
      numbers: [{ label: 'work' as const, number: `+1 303 555 ${String(index).padStart(4, '0')}` }]
    }))
    await contacts.saveMany(imported)
    let paused = 0
    let building = false
    let saveDuringBuild: Promise<void> | undefined
    await keeper.stop()
    keeper = new DirectoryKeeper({
      ...keeperOptions(),
      pauseWhileBuilding: async () => {
        paused += 1
        // A contact edited in the window while the import's rebuild runs (after its list was read).
        if (paused === 3 && building)
          saveDuringBuild = contacts
            .save({ name: 'Zelda Late', numbers: [{ label: 'work', number: '+1 404 555 0199' }] })
            .then((saved) => {
              if (saved.ok) return keeper.contactSaved(saved.contact)
            })
        await saveDuringBuild
        await new Promise((resolve) => setImmediate(resolve))
      }
    })
    await keeper.start()
    building = true
    paused = 0
    await keeper.contactsChanged()
    building = false
    await saveDuringBuild
    expect(paused).toBeGreaterThan(3)
    expect(names(await keeper.search('imported person 4321', 20))).toEqual(['Imported Person 4321'])
    expect(names(await keeper.search('zelda', 20))).toEqual(['Zelda Late'])
  })

  it('stops searching the offline copy when the directory is turned off, and does not load it while off', async () => {
    directoryOn()
    directory.everyone = [MUELLER]
    const cache = new DirectoryCache(join(folder, 'directory-cache.json'))
    await keeper.stop()
    keeper = new DirectoryKeeper({ ...keeperOptions(), copy: cache })
    await keeper.start()
    await vi.waitFor(() => expect(keeper.status.state).toBe('ready'))
    expect(names(await keeper.search('jurgen', 20))).toEqual(['Jürgen Müller'])
    expect(await cache.read()).toHaveLength(1)
    settings = { ...settings, enabled: false }
    await keeper.directorySettingsChanged()
    expect(keeper.status.state).toBe('off')
    expect(names(await keeper.search('jurgen', 20))).toEqual([])

    await keeper.stop()
    keeper = new DirectoryKeeper({ ...keeperOptions(), copy: cache })
    expect(names(await keeper.search('jurgen', 20))).toEqual([])
  })

  it('a recently dialled number becomes the contact it is saved in, not a second result', async () => {
    await new FileHistoryStore({ directory: folder }).record({
      id: 'call-1',
      target: '+1 720 555 0142',
      dialString: '917205550142',
      startedAt: Date.now(),
      state: 'connected',
      reason: ''
    })
    const before = await keeper.search('555 0142', 20)
    expect(before.results.map((result) => [result.name, result.source])).toEqual([['+1 720 555 0142', 'recent']])
    const saved = await contacts.save({ name: 'Rita Recent', numbers: [{ label: 'work', number: '(720) 555-0142' }] })
    if (!saved.ok) throw new Error(saved.error)
    await keeper.contactSaved(saved.contact)
    const after = await keeper.search('555 0142', 20)
    expect(after.results.map((result) => [result.name, result.source])).toEqual([['Rita Recent', 'contacts']])
  })

  it('fetches the offline copy at start and shows its progress as the directory status', async () => {
    directoryOn()
    directory.everyone = [MUELLER]
    await keeper.start()
    await vi.waitFor(() => expect(keeper.status.state).toBe('ready'))
    expect(statuses.map((status) => status.state)).toEqual(['refreshing', 'ready'])
    expect(keeper.status.message).toBe('Company directory: 1 people available offline.')
    expect(names(await keeper.search('jurgen', 20))).toEqual(['Jürgen Müller'])
  })
})

describe('FavouritesStore', () => {
  it('keeps a damaged favourites file aside, says so, and starts afresh', async () => {
    await writeFile(join(folder, 'favourites.json'), '{"version":1,"favourites":[{"contactId":')
    const store = new FavouritesStore({ directory: folder, log: (message) => logged.push(message) })
    expect(await store.list()).toEqual([])
    expect(logged).toEqual([
      expect.stringMatching(/^The favourites file could not be read; DeskDial kept it as favourites\.corrupt-/)
    ])
    await store.set({ number: '1002' }, true)
    expect(JSON.parse(await readFile(join(folder, 'favourites.json'), 'utf8'))).toEqual({
      version: 1,
      favourites: [{ number: '1002' }]
    })
  })

  it('refuses a target that is neither a contact nor a number, and changes nothing', async () => {
    const store = new FavouritesStore({ directory: folder })
    await expect(store.set({ number: 'call me' }, true)).rejects.toThrow(
      'DeskDial can star a contact or a phone number only'
    )
    expect(await store.list()).toEqual([])
  })
})
