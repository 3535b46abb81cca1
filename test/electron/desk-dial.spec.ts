/**
 * The optional suite: the built DeskDial in a real Electron (Playwright's Electron driver) against
 * SIPp on loopback, from a fresh data directory through first-run setup to quitting. The tests run
 * in order on one DeskDial, as a user's day would.
 */
import { expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { passFirstRunConnectionTest } from '../e2e/support/first-run'
import { startPhoneSystem, type PhoneSystem } from '../e2e/support/phone-system'
import {
  closeMainWindow,
  launchDeskDial,
  MAIN_WINDOW_URL,
  mainWindowState,
  QUICK_DIAL_URL,
  startAgain,
  trayState,
  watchTray,
  windowAt
} from './support/deskdial-electron'

/** The little of the window the suite reads (this file is type-checked without the DOM library). */
interface WindowGlobals {
  location: { origin: string }
  document: { styleSheets: ArrayLike<{ cssRules: ArrayLike<unknown> }> }
}

test.skip(process.env.DESKDIAL_ELECTRON_SKIP !== undefined, process.env.DESKDIAL_ELECTRON_SKIP)
test.describe.configure({ mode: 'serial' })

let phoneSystem: PhoneSystem
let userData: string
let app: ElectronApplication
let main: Page
let running = false
/** Errors in the main window (a CSP violation is reported as one) fail the test they happen in. */
const windowErrors: string[] = []

test.beforeAll(async () => {
  phoneSystem = await startPhoneSystem({ finalStatus: '200 OK' })
  userData = await mkdtemp(path.join(tmpdir(), 'deskdial-electron-'))
  app = await launchDeskDial(userData)
  running = true
  await watchTray(app)
  main = await windowAt(app, MAIN_WINDOW_URL)
  main.on('console', (message) => {
    if (message.type() === 'error') windowErrors.push(message.text())
  })
  main.on('pageerror', (error) => windowErrors.push(String(error)))
})

test.afterEach(() => {
  expect(windowErrors.splice(0), 'errors in the DeskDial window').toEqual([])
})

test.afterAll(async () => {
  if (running) await app.close()
  await phoneSystem?.stop()
  if (userData) await rm(userData, { recursive: true, force: true })
})

test('opens its windows at app://deskdial/, where its own scripts, styles and files load and nothing else', async () => {
  await windowAt(app, QUICK_DIAL_URL)
  expect(await main.evaluate(() => (globalThis as unknown as WindowGlobals).location.origin)).toBe('app://deskdial')
  await expect(main.getByRole('form', { name: 'Set up DeskDial' })).toBeVisible()
  // No rules without the stylesheet: refused by the CSP, or not served.
  expect(
    await main.evaluate(() => (globalThis as unknown as WindowGlobals).document.styleSheets[0]?.cssRules.length ?? 0)
  ).toBeGreaterThan(0)

  const index = await main.evaluate(async () => {
    const response = await fetch('/index.html')
    return {
      status: response.status,
      type: response.headers.get('Content-Type'),
      csp: response.headers.get('Content-Security-Policy')
    }
  })
  expect(index).toEqual({
    status: 200,
    type: 'text/html; charset=utf-8',
    csp: expect.stringMatching(/^default-src 'self';.*frame-ancestors 'none'$/)
  })
  // Asked from the main process: in the window, Chromium would log the refusal as a console error.
  expect(await app.evaluate(async ({ net }) => (await net.fetch('app://deskdial/..%2fmain%2findex.js')).status)).toBe(
    403
  )
})

test('first run: the setup tests the account, and DeskDial registers with it', async () => {
  const setup = await passFirstRunConnectionTest(main, phoneSystem.address)
  await setup.getByRole('button', { name: 'Done' }).click()
  await expect(main.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
})

test('the tray icon is there and its tooltip says DeskDial is ready', async () => {
  await expect
    .poll(() => trayState(app))
    .toEqual({ exists: true, tooltip: `DeskDial (1001@${phoneSystem.address}): ready` })
})

test('closing the main window hides it; DeskDial keeps running', async () => {
  expect(await mainWindowState(app)).toEqual({ exists: true, visible: true })
  await closeMainWindow(app)
  await expect.poll(() => mainWindowState(app)).toEqual({ exists: true, visible: false })
  expect(app.process().exitCode).toBeNull()
})

test('a tel: link given to a second start reaches the running DeskDial, which shows it for confirmation', async () => {
  expect(await startAgain(userData, ['tel:+1-201-555-0123'])).toBe(0)
  await expect.poll(() => mainWindowState(app)).toEqual({ exists: true, visible: true })
  const confirmation = main.getByRole('dialog', { name: 'Call +1 201 555 0123?' })
  await expect(confirmation).toBeVisible()
  await main.keyboard.press('Escape')
  await expect(confirmation).toBeHidden()
})

test('quitting unregisters at the phone system', async () => {
  const registration = (await phoneSystem.registers()).filter((register) => register.expires > 0).at(-1)
  const unregisters = async () =>
    (await phoneSystem.registers()).filter(
      (register) => register.callId === registration?.callId && register.expires === 0
    )
  expect(await unregisters()).toEqual([])
  await app.close()
  running = false
  expect(await unregisters()).toHaveLength(1)
})
