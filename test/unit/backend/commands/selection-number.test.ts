/**
 * Quick dial's numbers from outside the window: the primary selection's number (Linux, where the
 * app passes `readSelectionText`) and the clipboard's, each found the same way, and none from a
 * selection where the system has none.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../../src/main/backend/file-backed-backend'
import { ServiceDouble } from '../../../support/service-double'

let directory: string
let backends: DeskAppBackend[]

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-selection-'))
  backends = []
})

afterEach(async () => {
  for (const backend of backends) await backend.shutdown()
  await rm(directory, { recursive: true, force: true })
})

async function openBackend(selection: (() => string | Promise<string>) | undefined): Promise<DeskAppBackend> {
  const backend = createFileBackedBackend({
    directory,
    country: 'DE',
    version: '0.0.0-test',
    createService: (options) => new ServiceDouble(options),
    emit: () => undefined,
    readClipboardText: () => 'Invoice 2024-0012',
    ...(selection ? { readSelectionText: selection } : {})
  })
  backends.push(backend)
  await backend.start()
  return backend
}

describe('the selection number', () => {
  it('is the number in the primary selection, read when quick dial asks', async () => {
    let selected = ' +49 (0)201 555-0123\n'
    const backend = await openBackend(async () => selected)
    expect(await backend.selectionNumber()).toBe('+492015550123')
    selected = 'just words'
    expect(await backend.selectionNumber()).toBeUndefined()
    expect(await backend.clipboardNumber()).toBeUndefined()
  })

  it('is none where the system has no primary selection', async () => {
    const backend = await openBackend(undefined)
    expect(await backend.selectionNumber()).toBeUndefined()
  })
})
