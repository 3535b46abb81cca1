/**
 * The built main process (out/main/index.js, under Node with the recording fake of Electron) reads
 * a large contacts file in a worker thread: the worker's code must run from the bundle as it is
 * built, with no file of its own next to it.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Contact } from '../../../src/shared/contact'
import { callAsRenderer, eventually, launchBuiltMain, type LaunchedMain } from '../../support/built-main'

let userData: string | undefined
let running: LaunchedMain | undefined

afterEach(async () => {
  if (running) {
    const { electron, restore } = running
    running = undefined
    electron.app.emit('before-quit', { preventDefault: () => undefined })
    await eventually(() => electron.app.quitCalls > 0, 'app.quit after shutdown')
    restore()
  }
  if (userData) rmSync(userData, { recursive: true, force: true })
})

describe('the built main process with a large contacts file', () => {
  it('reads every contact through its worker thread, in name order', async () => {
    userData = mkdtempSync(join(tmpdir(), 'deskdial-large-files-'))
    const contacts: Contact[] = Array.from({ length: 12_000 }, (_, i) => ({
      id: `c${i}`,
      name: `Person ${String(11_999 - i).padStart(5, '0')}`,
      company: 'Example Manufacturing Ltd',
      numbers: [
        { label: 'work', number: `+44 20 7946 ${String(i).padStart(4, '0')}` },
        { label: 'mobile', number: `+44 7700 9${String(i).padStart(5, '0')}` }
      ]
    }))
    const file = join(userData, 'contacts.json')
    writeFileSync(file, JSON.stringify({ version: 1, contacts }, null, 2))
    // Large enough to be parsed in a worker thread (from 1 MB on).
    expect(statSync(file).size).toBeGreaterThan(1024 * 1024)
    running = await launchBuiltMain(userData)
    const listed = (await callAsRenderer(running.electron, 'listContacts')) as Contact[]
    expect(listed).toHaveLength(12_000)
    expect(listed[0]).toEqual(contacts[11_999])
    expect(listed.map((contact) => contact.id)).toEqual(contacts.map((contact) => contact.id).reverse())
  })
})
