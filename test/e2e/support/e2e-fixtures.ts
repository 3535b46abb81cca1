/**
 * The fixtures every end-to-end test uses: the built renderer served over http, a data directory
 * of its own, the phone system (SIPp) and DeskDial opened on the page.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openDeskDial, type DeskDialApp, type DeskDialAppOptions } from './deskdial-app'
import { startPhoneSystem, type PhoneSystem } from './phone-system'
import { serveRenderer } from './renderer-server'

const RENDERER_DIR = path.resolve('out/renderer')

interface TestFixtures {
  /** Skips every test, outside CI, when global setup found Chromium or SIPp missing. */
  requiredTools: void
  /** A fresh directory for DeskDial's files, removed after the test. */
  dataDirectory: string
  /** The phone system answering every call with 200 OK; tests needing another answer start their own. */
  phoneSystem: PhoneSystem
  /** Opens DeskDial on the test's page; every app opened is shut down after the test. */
  open(options?: Omit<DeskDialAppOptions, 'directory'> & { directory?: string; page?: Page }): Promise<DeskDialApp>
}

interface WorkerFixtures {
  rendererUrl: string
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  requiredTools: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      testInfo.skip(process.env.DESKDIAL_E2E_SKIP !== undefined, process.env.DESKDIAL_E2E_SKIP)
      await use()
    },
    { auto: true }
  ],
  rendererUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await serveRenderer(RENDERER_DIR)
      await use(server.url)
      await server.close()
    },
    { scope: 'worker' }
  ],
  // eslint-disable-next-line no-empty-pattern
  dataDirectory: async ({}, use) => {
    const directory = await mkdtemp(path.join(tmpdir(), 'deskdial-e2e-'))
    await use(directory)
    await rm(directory, { recursive: true, force: true })
  },
  // eslint-disable-next-line no-empty-pattern
  phoneSystem: async ({}, use) => {
    const phoneSystem = await startPhoneSystem({ finalStatus: '200 OK' })
    await use(phoneSystem)
    await phoneSystem.stop()
  },
  open: async ({ page, rendererUrl, dataDirectory }, use) => {
    const opened: DeskDialApp[] = []
    // A CSP violation, a React warning or an uncaught error in the window fails the test.
    const pageErrors: string[] = []
    await use(async ({ page: target = page, ...options } = {}) => {
      target.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') pageErrors.push(message.text())
      })
      target.on('pageerror', (error) => pageErrors.push(String(error)))
      const app = await openDeskDial(target, rendererUrl, { directory: dataDirectory, ...options })
      opened.push(app)
      return app
    })
    for (const app of opened) await app.shutdown()
    expect(pageErrors, 'errors in the DeskDial window').toEqual([])
  }
})

export { expect }

/** Writes test-results/screenshots/<name>-light.png and -dark.png of what the page shows now. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    await page.screenshot({ path: path.resolve(`test-results/screenshots/${name}-${colorScheme}.png`) })
  }
  await page.emulateMedia({ colorScheme: null })
}
