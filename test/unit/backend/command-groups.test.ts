/**
 * The contract's commands come in groups, one module of the backend each; the window gets every
 * command of every group routed to the backend, and nothing else of it (not its start or shutdown).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandsForWindow, type DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { COMMAND_GROUPS, COMMAND_NAMES } from '../../../src/shared/ipc-contract'
import { ServiceDouble } from '../../support/service-double'

let directory: string
let backend: DeskAppBackend

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-groups-'))
  backend = createFileBackedBackend({
    directory,
    country: 'DE',
    version: '0.0.0-test',
    createService: (options) => new ServiceDouble(options),
    emit: () => undefined,
    readClipboardText: () => '+49 201 555 0123'
  })
  await backend.start()
})

afterEach(async () => {
  await backend.shutdown()
  await rm(directory, { recursive: true, force: true })
})

describe('the command groups', () => {
  it('name each command of the contract in exactly one group', () => {
    const grouped = Object.values(COMMAND_GROUPS).flatMap((group) => Object.keys(group))
    expect(grouped.sort()).toEqual([...COMMAND_NAMES].sort())
    expect(new Set(grouped).size).toBe(grouped.length)
  })

  it('give the window every command, each answered by the backend, and none of its start, shutdown or links', async () => {
    let hidden = 0
    const commands = commandsForWindow(backend, () => void (hidden += 1))
    expect(Object.keys(commands).sort()).toEqual([...COMMAND_NAMES].sort())
    for (const lifecycle of ['start', 'shutdown', 'reconnect', 'handleLink', 'noteDataProblem', 'setHotkeyProblem'])
      expect(commands, lifecycle).not.toHaveProperty(lifecycle)
    expect(await commands.clipboardNumber()).toBe('+492015550123')
    expect(await commands.previewDial('')).toEqual({
      ok: false,
      target: '',
      error: 'Enter a number or a name to call.'
    })
    expect((await commands.getSettings()).firstRun).toBe(true)
    expect(await commands.listFavourites()).toEqual([])
    expect(await commands.listContacts()).toEqual([])
    expect(await commands.diagnosticsReport()).toContain('Version: 0.0.0-test')
    await commands.hideWindow()
    expect(hidden).toBe(1)
  })
})
