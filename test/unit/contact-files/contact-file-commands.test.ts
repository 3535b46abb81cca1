/**
 * The window's import and export commands through the same dispatcher as IPC (a file in base64 of
 * at most 10 MB, a mapping of the documented shape), answered by the backend's contacts; and the
 * data folder the CLI finds without Electron.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkCommandArguments } from '../../../src/main/backend/command-dispatcher'
import { commandsForWindow } from '../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { userDataDirectory } from '../../../src/main/settings/user-data-directory'
import { ServiceDouble } from '../../support/service-double'

const upload = (name: string) => ({
  name,
  base64: readFileSync(join(import.meta.dirname, '../../fixtures/contact-files', name)).toString('base64')
})

describe('the import and export commands', () => {
  let directory: string
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'deskdial-import-commands-'))
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })

  it('refuses a file over 10 MB, a mapping of another shape and an unknown format before the backend sees them', () => {
    const tooLarge = { name: 'big.csv', base64: 'A'.repeat(Math.ceil((10 * 1024 * 1024) / 3) * 4 + 4) }
    expect(checkCommandArguments('previewContactImport', [tooLarge])).toMatchObject({ ok: false })
    expect(checkCommandArguments('importContacts', [upload('google.csv'), { name: 7 }])).toEqual({
      ok: false,
      error: "DeskDial's importContacts cannot use argument 2: a column mapping. Reload the window and try again."
    })
    expect(checkCommandArguments('exportContacts', ['xlsx'])).toMatchObject({ ok: false })
    expect(
      checkCommandArguments('previewContactImport', [upload('google.csv'), { name: 'Name', work: ['Phone 1 - Value'] }])
    ).toMatchObject({ ok: true })
  })

  it('previews, imports and exports through the backend, comparing numbers in the dial plan country', async () => {
    const backend = createFileBackedBackend({
      directory,
      country: 'US',
      version: '0.0.0',
      createService: (options) => new ServiceDouble(options),
      emit: () => undefined
    })
    await backend.start()
    const commands = commandsForWindow(backend, () => undefined)
    const preview = await commands.previewContactImport(upload('google-3.0.vcf'))
    expect(preview).toMatchObject({ ok: true, written: false, format: 'vcard', counts: { added: 2 } })
    expect(await commands.listContacts()).toEqual([])
    expect(await commands.importContacts(upload('google-3.0.vcf'))).toMatchObject({ ok: true, written: true })
    expect((await commands.listContacts()).map((contact) => contact.name)).toEqual(['Bob Baker', 'Zoë Ølsen'])
    const file = await commands.exportContacts('csv')
    expect(file).toMatchObject({ fileName: 'deskdial-contacts.csv', mimeType: 'text/csv', count: 2 })
    expect(file.text).toContain('Zoë Ølsen,"Smith, Jones & Partners",Legal,,,,Home,+45 32 12 34 56,,,,\r\n')
    const national = Buffer.from('First Name,Last Name,Mobile Phone\r\nBob,Baker,(415) 555-0142\r\n')
    const again = { name: 'bob.csv', base64: national.toString('base64') }
    expect(await commands.previewContactImport(again)).toMatchObject({ counts: { merged: 0, duplicates: 1 } })
    expect(await commands.importContacts(again)).toMatchObject({ counts: { merged: 0, duplicates: 1 } })
    await backend.shutdown()
  })
})

describe('the data folder without Electron', () => {
  it.each([
    [{}, 'linux', '/home/ann/.config/deskdial'],
    [{ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/xdg/deskdial'],
    [{}, 'darwin', '/home/ann/Library/Application Support/deskdial'],
    [{ APPDATA: 'C:/Users/ann/AppData/Roaming' }, 'win32', 'C:/Users/ann/AppData/Roaming/deskdial'],
    [{ DESKDIAL_USER_DATA: '/tmp/desk' }, 'linux', '/tmp/desk']
  ] as const)('%j on %s: %s', (env, platform, expected) => {
    expect(userDataDirectory(env, platform, '/home/ann')).toBe(expected)
  })
})
