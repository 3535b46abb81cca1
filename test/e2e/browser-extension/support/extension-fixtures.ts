/**
 * The browser extension as users run it: the built unpacked extension in Debian's Chromium (a
 * persistent context, headless), test pages served on 127.0.0.1, and the native messaging host
 * installed into the profile by the built `deskdial browser-host install`. The host relays to the
 * real relay socket, behind which a recording stand-in for DeskDial answers: the only stand-in.
 */
import {
  chromium,
  test as base,
  expect,
  type BrowserContext,
  type Frame,
  type Page,
  type Worker
} from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { BrowserDialOutcome, BrowserStatus } from '../../../../src/shared/browser-messages'
import { browserRelayAddress } from '../../../../src/main/browser-relay/relay-address'
import { BrowserRelay } from '../../../../src/main/browser-relay/relay-server'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium'
import { bigPage } from './big-page'

const EXTENSION = path.resolve('out/browser-extension/chromium')
const CLI = path.resolve('out/cli/deskdial.cjs')
const PAGES = path.resolve(__dirname, '../pages')

export interface RecordedDial {
  number: string
  origin: string
}

/** What the stand-in for DeskDial was asked, and what it answers. */
export interface DeskDialStandIn {
  dials: RecordedDial[]
  statusRequests: number
  country: string
}

interface WorkerFixtures {
  /** The desk phone's country DeskDial's stand-in reports (a worker option: another value starts another browser). */
  deskDialCountry: string
  pagesUrl: string
  deskDial: DeskDialStandIn
  profile: { userDataDir: string; dataDir: string }
  extensionContext: BrowserContext
}

interface TestFixtures {
  page: Page
  /** The dials recorded during this test. */
  dials: RecordedDial[]
}

function servePages(): Promise<Server> {
  const server = createServer((request, response) => {
    const name = path.basename(new URL(request.url ?? '/', 'http://x').pathname) || 'index.html'
    const file = path.join(PAGES, name)
    if (name === 'big.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(bigPage())
      return
    }
    if (name === 'favicon.ico') {
      response.writeHead(204).end()
      return
    }
    if (!existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    const type = name.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8'
    response.writeHead(200, { 'content-type': type }).end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  deskDialCountry: ['US', { scope: 'worker', option: true }],
  pagesUrl: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await servePages()
      const address = server.address()
      await use(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
      server.close()
    },
    { scope: 'worker' }
  ],
  profile: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      for (const built of [EXTENSION, CLI])
        if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first.`)
      const root = mkdtempSync(path.join(tmpdir(), 'deskdial-ext-'))
      const profile = { userDataDir: path.join(root, 'profile'), dataDir: path.join(root, 'data') }
      execFileSync(
        process.execPath,
        [CLI, 'browser-host', 'install', '--browser-dir', path.join(profile.userDataDir, 'NativeMessagingHosts')],
        { env: { ...process.env, DESKDIAL_USER_DATA: profile.dataDir } }
      )
      await use(profile)
      rmSync(root, { recursive: true, force: true })
    },
    { scope: 'worker' }
  ],
  deskDial: [
    async ({ profile, deskDialCountry }, use) => {
      const standIn: DeskDialStandIn = { dials: [], statusRequests: 0, country: deskDialCountry }
      const relay = new BrowserRelay({
        address: browserRelayAddress(profile.dataDir),
        log: () => undefined,
        target: {
          async status(): Promise<BrowserStatus> {
            standIn.statusRequests++
            return {
              registration: { state: 'registered', reason: 'Registered with pbx.example.com' },
              country: standIn.country
            }
          },
          async dial(number, origin): Promise<BrowserDialOutcome> {
            standIn.dials.push({ number, origin })
            return { outcome: 'dialled', message: `Calling ${number}: pick up your desk phone when it rings.` }
          }
        }
      })
      await relay.start()
      await use(standIn)
      await relay.stop()
    },
    { scope: 'worker' }
  ],
  extensionContext: [
    async ({ profile, deskDial }, use) => {
      void deskDial
      const context = await chromium.launchPersistentContext(profile.userDataDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        viewport: { width: 1100, height: 720 },
        env: { ...process.env, DESKDIAL_USER_DATA: profile.dataDir },
        args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`]
      })
      await use(context)
      await context.close()
    },
    { scope: 'worker' }
  ],
  page: async ({ extensionContext }, use) => {
    const page = await extensionContext.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    await use(page)
    await page.close()
    // Errors of the content script reach the page's console: there must be none.
    expect(problems.filter((text) => !text.includes('Not allowed to launch'))).toEqual([])
  },
  dials: async ({ deskDial }, use) => {
    deskDial.dials.length = 0
    await use(deskDial.dials)
  }
})

export { expect }

/** The page's globals these helpers read: the test project has no DOM types, the page has them. */
interface RangeInPage {
  toString(): string
  compareBoundaryPoints(how: number, other: RangeInPage): number
}
interface PageScope {
  CSS: { highlights: { get(name: string): Iterable<RangeInPage> | undefined } }
  Range: { START_TO_START: number }
}

/** The text of every range in the page's `deskdial` highlight (read in the page's own world), in document order within each tree. */
export function markedTexts(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const scope = globalThis as unknown as PageScope
    const highlight = scope.CSS.highlights.get('deskdial')
    if (!highlight) return []
    const ranges = [...highlight]
    ranges.sort((a, b) => {
      try {
        return a.compareBoundaryPoints(scope.Range.START_TO_START, b)
      } catch {
        return 0 // in different (shadow) trees: no order between them
      }
    })
    return ranges.map((range) => range.toString())
  })
}

/** Waits until the page's marks settle at `expected` (the scan runs in slices after load). */
export async function expectMarked(page: Page | Frame, expected: string[], { anyOrder = false } = {}): Promise<void> {
  const marked = async () => (anyOrder ? (await markedTexts(page)).sort() : markedTexts(page))
  await expect.poll(marked, { timeout: 5_000 }).toEqual(anyOrder ? [...expected].sort() : expected)
}

/** The page's body as its own script saw it before the extension ran (`window.before`), and now. */
export function bodyBeforeAndNow(page: Page): Promise<{ before: unknown; now: unknown }> {
  return page.evaluate(() => {
    const scope = globalThis as unknown as {
      before: unknown
      document: { body: { innerHTML: string; innerText: string; scrollHeight: number } }
    }
    const { body } = scope.document
    return { before: scope.before, now: { html: body.innerHTML, text: body.innerText, height: body.scrollHeight } }
  })
}

/** Turns marking off (or on) for these sites, as the popup's switch does. */
export async function setSitesOff(worker: Worker, sites: string[]): Promise<void> {
  await worker.evaluate((markingOffSites) => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { set(items: object): Promise<void> } } }
    }
    return chrome.storage.local.set({ markingOffSites })
  }, sites)
}
