/**
 * The built main process as `electron-vite dev` starts it (ELECTRON_RENDERER_URL set), loaded under
 * Node with the recording fake of Electron: the renderer comes from the dev server, and only the
 * dev server's origin is trusted. An installed (packaged) app ignores ELECTRON_RENDERER_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RENDERER_ORIGIN } from '../../../src/main/app/renderer-files'
import { commandChannel } from '../../../src/shared/ipc-contract'
import { launchBuiltMain, type LaunchedMain } from '../../support/built-main'

// As electron-vite sets it: no trailing slash.
const DEV_SERVER = 'http://localhost:5173'

let launched: LaunchedMain
let userData: string

beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'deskdial-dev-server-'))
  launched = await launchBuiltMain(userData, [], { ELECTRON_RENDERER_URL: DEV_SERVER })
}, 120_000)

afterAll(() => {
  launched.restore()
  rmSync(userData, { recursive: true, force: true })
})

describe('the built main process under electron-vite dev', () => {
  it('loads both windows from the dev server and serves nothing at app://', () => {
    const [main, quick] = launched.electron.windows
    expect(main?.loaded.url).toBe(DEV_SERVER)
    expect(quick?.loaded.url).toBe(`${DEV_SERVER}#quick-dial`)
    expect(launched.electron.protocol.handlers.size).toBe(0)
  })

  it("takes commands only from the dev server's origin", async () => {
    const getStatus = launched.electron.handlers.get(commandChannel('getStatus'))
    const from = (url: string) => getStatus?.({ senderFrame: { url, parent: null } })
    expect(await from(`${DEV_SERVER}/#quick-dial`)).toMatchObject({ registration: { state: 'unregistered' } })
    for (const url of [
      'app://deskdial/index.html',
      'http://localhost:5174/',
      'http://127.0.0.1:5173/',
      'https://localhost:5173/'
    ]) {
      await expect(async () => from(url), url).rejects.toThrow('DeskDial only takes commands from its own window.')
    }
  })
})

describe('the packaged main process with ELECTRON_RENDERER_URL set', () => {
  let packaged: LaunchedMain
  let packagedUserData: string

  beforeAll(async () => {
    packagedUserData = mkdtempSync(join(tmpdir(), 'deskdial-packaged-'))
    packaged = await launchBuiltMain(packagedUserData, [], { ELECTRON_RENDERER_URL: DEV_SERVER }, { isPackaged: true })
  }, 120_000)

  afterAll(() => {
    packaged.restore()
    rmSync(packagedUserData, { recursive: true, force: true })
  })

  it('loads both windows from its own files at app:// and serves them', () => {
    const [main, quick] = packaged.electron.windows
    expect(main?.loaded.url).toBe(`${RENDERER_ORIGIN}/index.html`)
    expect(quick?.loaded.url).toBe(`${RENDERER_ORIGIN}/index.html#quick-dial`)
    expect([...packaged.electron.protocol.handlers.keys()]).toEqual(['app'])
  })

  it('takes no commands from the dev server', async () => {
    const getStatus = packaged.electron.handlers.get(commandChannel('getStatus'))
    const from = (url: string) => getStatus?.({ senderFrame: { url, parent: null } })
    expect(await from(`${RENDERER_ORIGIN}/index.html#quick-dial`)).toMatchObject({
      registration: { state: 'unregistered' }
    })
    await expect(async () => from(`${DEV_SERVER}/`)).rejects.toThrow(
      'DeskDial only takes commands from its own window.'
    )
  })
})
