/**
 * The built main process (out/main/index.js) loaded under Node with a recording fake of Electron:
 * the single-instance lock, link schemes, windows, tray, hotkey, IPC and quitting wired as the app needs them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  COMMAND_NAMES,
  commandChannel,
  eventChannel,
  type AppStatus,
  type PendingLink,
  type SettingsView
} from '../../../src/shared/ipc-contract'
import {
  callAsRenderer,
  eventually,
  launchBuiltMain,
  rendererIndex,
  root,
  type LaunchedMain
} from '../../support/built-main'
import type { FakeElectron } from '../../support/fake-electron'

const PENDING_LINK = eventChannel('pendingLink')

function pendingLinksSent(electron: FakeElectron): PendingLink[] {
  return (electron.windows[0]?.webContents.sent ?? [])
    .filter((message) => message.channel === PENDING_LINK)
    .map((message) => message.payload as PendingLink)
}

let launched: LaunchedMain
let electron: FakeElectron
let userData: string

beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'deskdial-wiring-'))
  launched = await launchBuiltMain(userData, ['tel:+1-212-555-0100'])
  electron = launched.electron
}, 120_000)

afterAll(() => {
  launched.restore()
  rmSync(userData, { recursive: true, force: true })
})

describe('the built main process', () => {
  it('takes the single-instance lock and registers tel:, sip: and callto:', () => {
    const methods = electron.app.calls.map((call) => call.method)
    expect(methods[0]).toBe('requestSingleInstanceLock')
    const schemes = electron.app.calls
      .filter((call) => call.method === 'setAsDefaultProtocolClient')
      .map((call) => call.args[0])
    expect(schemes).toEqual(['tel', 'sip', 'callto'])
  })

  it('opens a sandboxed, context-isolated main window and a quick-dial window with the built preload, both over app://deskdial/', () => {
    const [main, quick] = electron.windows
    for (const window of [main, quick]) {
      expect(window?.options.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        webSecurity: true,
        preload: join(root, 'out/preload/index.js')
      })
    }
    expect(existsSync(join(root, 'out/preload/index.js'))).toBe(true)
    expect(main?.loaded.url).toBe('app://deskdial/index.html')
    expect(quick?.loaded.url).toBe('app://deskdial/index.html#quick-dial')
    expect(quick?.options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true })
  })

  it('registers app: as a privileged standard, secure scheme before ready, without cross-origin reads', () => {
    expect(electron.protocol.privileged).toEqual([
      {
        schemes: [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
        afterReady: false
      }
    ])
  })

  it('serves out/renderer at app://deskdial/ with its content type and the CSP, and nothing outside it', async () => {
    const serve = electron.protocol.handlers.get('app')
    const index = await serve?.(new Request('app://deskdial/index.html'))
    expect(index?.status).toBe(200)
    expect(index?.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(index?.headers.get('Content-Security-Policy')).toMatch(/^default-src 'self';.*frame-ancestors 'none'$/)
    expect(await index?.text()).toBe(readFileSync(rendererIndex, 'utf8'))
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(readFileSync(rendererIndex, 'utf8'))?.[1]
    expect((await serve?.(new Request(`app://deskdial/${script}`)))?.headers.get('Content-Type')).toBe(
      'text/javascript; charset=utf-8'
    )
    expect((await serve?.(new Request('app://deskdial/..%2fmain%2findex.js')))?.status).toBe(403)
    expect((await serve?.(new Request('app://deskdial/..%2f..%2fpackage.json')))?.status).toBe(403)
    expect((await serve?.(new Request('app://deskdial/missing.html')))?.status).toBe(404)
  })

  it('hides the main window on close instead of quitting', () => {
    const main = electron.windows[0]
    main?.show()
    let prevented = false
    main?.emit('close', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(main?.visible).toBe(false)
  })

  it('puts a tray icon from resources/ with the account state and the menu', () => {
    const tray = electron.trays[0]
    expect(tray?.image.path).toBe(join(root, 'resources/tray-idle.png'))
    expect(tray?.tooltip).toBe('DeskDial (no account set up): not connected')
    expect(tray?.menu?.template.map((item) => item.label ?? item.type)).toEqual([
      'Open DeskDial',
      'Quick dial…',
      'Recent calls',
      'separator',
      'Settings…',
      'Start at login',
      'separator',
      'Quit DeskDial'
    ])
  })

  it('registers the default quick-dial hotkey, which toggles the quick-dial window', () => {
    expect([...electron.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+D'])
    electron.shortcuts.get('CommandOrControl+Alt+D')?.()
    expect(electron.windows[1]?.visible).toBe(true)
  })

  it('registers one IPC handler per command, which accepts only our renderer and well-formed arguments', async () => {
    expect([...electron.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort())
    const ours = { senderFrame: { url: 'app://deskdial/index.html#quick-dial', parent: null } }
    const getStatus = electron.handlers.get(commandChannel('getStatus'))
    const dial = electron.handlers.get(commandChannel('dial'))
    expect(await getStatus?.(ours)).toMatchObject({ registration: { state: 'unregistered' } })
    const strangers = [
      'https://evil.example/',
      pathToFileURL(rendererIndex).href,
      'app://evil.example/index.html',
      'app://deskdial:8080/index.html',
      'app://user@deskdial/index.html'
    ]
    for (const url of strangers) {
      await expect(async () => getStatus?.({ senderFrame: { url, parent: null } }), url).rejects.toThrow(
        'DeskDial only takes commands from its own window.'
      )
    }
    await expect(async () =>
      getStatus?.({ senderFrame: { url: 'app://deskdial/index.html', parent: {} } })
    ).rejects.toThrow('DeskDial only takes commands from its own window.')
    await expect(async () => dial?.(ours, { target: 42 })).rejects.toThrow(
      "DeskDial's dial cannot use argument 1 (target): "
    )
  })

  it('hides the window that asked, not the focused one', async () => {
    const [main, quick] = electron.windows
    main?.show()
    quick?.show()
    main?.show()
    const hide = electron.handlers.get(commandChannel('hideWindow'))
    await hide?.({
      senderFrame: { url: 'app://deskdial/index.html#quick-dial', parent: null },
      sender: quick?.webContents
    })
    expect(quick?.visible).toBe(false)
    expect(main?.visible).toBe(true)
  })

  it('denies navigation, new windows, webviews and permissions but writing to the clipboard, and sends the CSP header', () => {
    const contents = electron.windows[0]?.webContents
    for (const url of [
      'https://evil.example/',
      pathToFileURL(rendererIndex).href,
      'app://evil.example/index.html',
      'app://deskdial/index.html#settings'
    ]) {
      for (const event of ['will-navigate', 'will-redirect']) {
        let prevented = false
        contents?.emit(event, { preventDefault: () => (prevented = true) }, url)
        expect(prevented, `${event} ${url}`).toBe(true)
      }
    }
    let webviewPrevented = false
    contents?.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) })
    expect(webviewPrevented).toBe(true)
    expect(contents?.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    for (const permission of ['media', 'clipboard-read', 'geolocation', 'notifications']) {
      let allowed: boolean | undefined
      electron.session.permissionRequest?.({}, permission, (answer) => (allowed = answer))
      expect(allowed, permission).toBe(false)
      expect(electron.session.permissionCheck?.({}, permission), permission).toBe(false)
    }
    // "Copy diagnostics" writes with navigator.clipboard, which Chromium checks and requests as this permission.
    let clipboardWrite: boolean | undefined
    electron.session.permissionRequest?.({}, 'clipboard-sanitized-write', (answer) => (clipboardWrite = answer))
    expect(clipboardWrite).toBe(true)
    expect(electron.session.permissionCheck?.({}, 'clipboard-sanitized-write')).toBe(true)
    let headers: Record<string, string[]> = {}
    electron.session.headers?.({ responseHeaders: {} }, (response) => (headers = response.responseHeaders))
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'self';/)
  })

  it('shows the link it was launched with for confirmation', async () => {
    const [first] = await eventually(
      () => (pendingLinksSent(electron).length > 0 ? pendingLinksSent(electron) : undefined),
      'the launch link'
    )
    expect(first).toMatchObject({ scheme: 'tel', raw: 'tel:+1-212-555-0100', preview: { ok: true } })
  })

  it('asks for confirmation of a tel: link from a second instance, and refuses a hostile one with a notice', async () => {
    await callAsRenderer(electron, 'rejectLink', pendingLinksSent(electron).at(-1)?.id)
    const before = pendingLinksSent(electron).length
    electron.app.emit(
      'second-instance',
      {},
      ['/opt/DeskDial/deskdial', '--some-chromium-switch', 'tel:+1-212-555-0142'],
      userData
    )
    const sent = await eventually(
      () => (pendingLinksSent(electron).length > before ? pendingLinksSent(electron) : undefined),
      'a pending link'
    )
    expect(sent.at(-1)).toMatchObject({
      scheme: 'tel',
      raw: 'tel:+1-212-555-0142',
      preview: { ok: true, target: '+12125550142' }
    })
    expect(electron.windows[0]?.visible).toBe(true)

    electron.app.emit('second-instance', {}, ['/opt/DeskDial/deskdial', 'tel:+1212%0D%0AVia:evil'], userData)
    const notice = await eventually(
      () => electron.notifications.find((n) => n.title === 'Link not dialled'),
      'the refusal notice'
    )
    expect(notice.body).toMatch(/^This link is not a phone number DeskDial can call: .*\.$/)
    expect(pendingLinksSent(electron)).toHaveLength(before + 1)
  })

  it('counts a link that comes while another waits on the waiting one, without bringing the window forward again', async () => {
    const waiting = pendingLinksSent(electron).at(-1)
    electron.windows[0]?.hide()
    const before = pendingLinksSent(electron).length
    electron.app.emit('second-instance', {}, ['/opt/DeskDial/deskdial', 'tel:+1-212-555-0199'], userData)
    const sent = await eventually(
      () => (pendingLinksSent(electron).length > before ? pendingLinksSent(electron) : undefined),
      'the blocked link'
    )
    expect(sent.at(-1)).toMatchObject({ id: waiting?.id, raw: waiting?.raw, blockedLinks: 1 })
    expect(electron.windows[0]?.visible).toBe(false)
    await callAsRenderer(electron, 'rejectLink', waiting?.id)
  })

  it('takes macOS open-url links registered before launch finished', async () => {
    const before = pendingLinksSent(electron).length
    let prevented = false
    electron.app.emit('open-url', { preventDefault: () => (prevented = true) }, 'callto:+442079460000')
    expect(prevented).toBe(true)
    await eventually(() => pendingLinksSent(electron).length > before, 'the open-url link')
    expect(pendingLinksSent(electron).at(-1)).toMatchObject({ scheme: 'callto', raw: 'callto:+442079460000' })
  })

  it('moves the hotkey when the settings change, and reports one the system refuses', async () => {
    const call = (name: Parameters<typeof commandChannel>[0], ...args: unknown[]) =>
      callAsRenderer(electron, name, ...args)
    const view = (await call('getSettings')) as SettingsView
    expect(
      await call('saveSettings', { settings: { ...view.settings, hotkey: 'CommandOrControl+Shift+K' } })
    ).toMatchObject({ ok: true })
    expect([...electron.shortcuts.keys()]).toEqual(['CommandOrControl+Shift+K'])
    electron.refuseShortcuts = true
    await call('saveSettings', { settings: { ...view.settings, hotkey: 'Alt+F9' } })
    expect(electron.shortcuts.size).toBe(0)
    const problem =
      'The quick-dial hotkey Alt+F9 could not be registered: another application probably uses it. Choose another hotkey in Settings.'
    expect(((await call('getStatus')) as AppStatus).hotkeyProblem).toBe(problem)
    const hotkeyEvents = electron.windows[0]?.webContents.sent.filter(
      (message) => message.channel === eventChannel('hotkeyProblem')
    )
    expect(hotkeyEvents?.at(-1)?.payload).toEqual({ problem })
    expect(electron.notifications.at(-1)).toEqual({ title: 'Quick-dial hotkey not available', body: problem })
    electron.refuseShortcuts = false
  })

  it.runIf(process.platform === 'linux')(
    'turns on start at login from the tray with an XDG autostart entry that starts hidden',
    async () => {
      const item = electron.trays[0]?.menu?.template.find((entry) => entry.label === 'Start at login') as {
        click: (item: { checked: boolean }) => void
      }
      item.click({ checked: true })
      const entry = join(userData, 'config/autostart/deskdial.desktop')
      await eventually(() => existsSync(entry), 'the autostart entry')
      expect(readFileSync(entry, 'utf8')).toContain(`Exec="${process.execPath}" --hidden`)
      await eventually(
        () => electron.trays[0]?.menu?.template.find((entry) => entry.label === 'Start at login')?.checked,
        'the ticked menu item'
      )
    }
  )

  it("says in the tray that the demo phone system is in use, with the way to one's own, until the demo is left", async () => {
    const tray = () => electron.trays[0]
    const labels = () => tray()?.menu?.template.map((item) => item.label ?? item.type) ?? []
    expect(await callAsRenderer(electron, 'startDemo')).toMatchObject({ ok: true })
    await eventually(
      () => tray()?.tooltip === 'DeskDial (demo phone system): ready',
      `the demo in the tooltip (${tray()?.tooltip})`
    )
    expect(labels().slice(0, 4)).toEqual([
      'Using the demo phone system',
      'Use my own phone system…',
      'separator',
      'Open DeskDial'
    ])
    expect(await callAsRenderer(electron, 'leaveDemo')).toMatchObject({ ok: true })
    await eventually(() => tray()?.tooltip === 'DeskDial (no account set up): not connected', 'the demo left')
    expect(labels()[0]).toBe('Open DeskDial')
  })

  it('reconnects on resume, and on quit unregisters the hotkey after shutting the service down', async () => {
    expect(electron.powerMonitor.listenerCount('resume')).toBe(1)
    expect(electron.powerMonitor.listenerCount('unlock-screen')).toBe(1)
    electron.windows[0]?.show()
    let prevented = false
    electron.app.emit('before-quit', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    // The windows go at once; the tray stays, saying what DeskDial still does, until it is gone.
    expect(electron.windows.map((window) => window.visible)).toEqual([false, false])
    await eventually(() => electron.app.quitCalls > 0, 'app.quit after shutdown')
    expect(electron.trays[0]?.tooltip).toBe('DeskDial is quitting: signing out of the phone system…')
    expect(electron.trays[0]?.menu?.template.map((item) => item.label)).toEqual(['Quitting DeskDial…'])
    electron.app.emit('will-quit')
    expect(electron.unregisterAllCalls).toBe(1)
  })
})
