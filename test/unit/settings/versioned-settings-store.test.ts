import { describe, expect, it } from 'vitest'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import type { SettingsDocument } from '../../../src/main/settings/settings-migrations'
import {
  VersionedSettingsStore,
  type SettingsFile,
  type SettingsFileContent
} from '../../../src/main/settings/versioned-settings-store'

/** A settings file in memory, as both the JSON-file and the electron-store adapters present theirs. */
class MemorySettingsFile implements SettingsFile {
  writes: SettingsDocument[] = []
  backups = 0

  constructor(public content: SettingsFileContent) {}

  async read(): Promise<SettingsFileContent> {
    return this.content
  }

  async write(document: SettingsDocument): Promise<void> {
    this.writes.push(document)
    this.content = { kind: 'ok', value: structuredClone(document) }
  }

  async backUp(): Promise<string> {
    this.backups += 1
    this.content = { kind: 'missing' }
    return 'settings.corrupt-backup.json'
  }
}

const defaults = defaultAppSettings('DE')

describe('VersionedSettingsStore (the document logic both settings stores share)', () => {
  it('does not rewrite a current document whose settings are all readable', async () => {
    const file = new MemorySettingsFile({ kind: 'ok', value: { version: 2, setupDone: false, settings: defaults } })
    expect(await new VersionedSettingsStore(file, defaults).load()).toEqual({
      settings: defaults,
      own: {},
      firstRun: true
    })
    expect(file.writes).toEqual([])
  })

  it('writes a migrated or repaired document back once, after which it loads as it is', async () => {
    const file = new MemorySettingsFile({ kind: 'ok', value: { version: 1, settings: { ...defaults, hotkey: 42 } } })
    const store = new VersionedSettingsStore(file, defaults)
    expect((await store.load()).notice).toMatch(/^Some settings could not be read .*: Quick-dial hotkey\./)
    expect(file.writes).toEqual([{ version: 2, setupDone: true, settings: defaults }])
    expect(await store.load()).toEqual({ settings: defaults, own: {}, firstRun: false })
    expect(file.writes).toHaveLength(1)
  })

  it.each<[string, SettingsFileContent]>([
    ['not JSON', { kind: 'corrupt' }],
    ['not an object', { kind: 'ok', value: [] }],
    ['from a newer DeskDial', { kind: 'ok', value: { version: 3, setupDone: true, settings: defaults } }]
  ])(
    'backs up a file that is %s without writing over it, and the next save starts a new one',
    async (_case, content) => {
      const file = new MemorySettingsFile(content)
      const store = new VersionedSettingsStore(file, defaults)
      const loaded = await store.load()
      expect(loaded).toMatchObject({ settings: defaults, firstRun: true })
      expect(loaded.notice).toMatch(
        / DeskDial kept a copy as settings\.corrupt-backup\.json and started with default settings: please check your account in Settings\.$/
      )
      expect([file.backups, file.writes.length]).toEqual([1, 0])
      await store.save(defaults)
      expect(file.writes).toEqual([{ version: 2, setupDone: true, settings: defaults }])
    }
  )
})
