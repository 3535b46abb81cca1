/**
 * The selection's ways to DeskDial and the popup's switch, in the built extension: the context
 * menu item "Call '<selection>' with DeskDial" and the shortcut's command run the extension's own
 * listeners (headless Chromium has no native menu to click nor a shortcut to press, so the test
 * dispatches the browser's events to the listeners the extension registered), and the dial reaches
 * the stand-in for DeskDial through the real native host and relay. The popup's switch, clicked in
 * the popup page, turns marking off on the site and on again.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test'
import { CHROMIUM_EXTENSION_ID } from '../../../src/shared/browser-extension-identity'
import { expect, expectMarked, test } from './support/extension-fixtures'

const MENU_ID = 'deskdial-call-selection'
const WEBMAIL_MARKS = ['(800) 555-0199', '+1 415-555-0134', '646 555 0111']

/** The chrome API of the service worker, as far as these tests use it (this project has no extension types). */
interface WorkerChrome {
  contextMenus: {
    update(id: string, changes: object): Promise<void>
    onClicked: { dispatch(info: object, tab: object): void }
  }
  commands: { onCommand: { dispatch(command: string, tab: object): void } }
  tabs: {
    query(filter: object): Promise<{ id: number; windowId: number }[]>
    create(properties: object): Promise<{ id: number }>
  }
}

async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker')
}

/** Selects the text `number` in the page, as a user's drag would. */
async function select(page: Page, number: string): Promise<void> {
  await page.getByText(number).first().waitFor()
  await page.evaluate((text) => {
    const scope = globalThis as unknown as {
      document: {
        createTreeWalker(root: unknown, show: number): { nextNode(): { data: string } | null }
        body: unknown
        createRange(): { setStart(n: unknown, o: number): void; setEnd(n: unknown, o: number): void }
      }
      getSelection(): { removeAllRanges(): void; addRange(range: unknown): void }
    }
    const walker = scope.document.createTreeWalker(scope.document.body, 4)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(text)
      if (at < 0) continue
      const range = scope.document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + text.length)
      scope.getSelection().removeAllRanges()
      scope.getSelection().addRange(range)
      return
    }
    throw new Error(`${text} is not on the page`)
  }, number)
}

test('the context menu item calls the selected text with the page’s origin', async ({
  page,
  pagesUrl,
  extensionContext,
  dials
}) => {
  await page.goto(`${pagesUrl}/webmail.html`)
  const worker = await serviceWorker(extensionContext)
  const url = `${pagesUrl}/webmail.html`
  await worker.evaluate(
    async ({ menu, pageUrl }) => {
      const { chrome } = globalThis as unknown as { chrome: WorkerChrome }
      // The item exists (update refuses an unknown id) ...
      await chrome.contextMenus.update(menu, {})
      const [tab] = await chrome.tabs.query({ active: true })
      // ... and a click on it, for a selection in this tab, reaches the extension's listener.
      chrome.contextMenus.onClicked.dispatch(
        { menuItemId: menu, selectionText: ' 646 555 0111 ', pageUrl, editable: false },
        tab!
      )
      // Another extension's item, or one without a selection, is not DeskDial's to call.
      chrome.contextMenus.onClicked.dispatch({ menuItemId: 'other', selectionText: '212 555 0147', pageUrl }, tab!)
      chrome.contextMenus.onClicked.dispatch({ menuItemId: menu, pageUrl }, tab!)
    },
    { menu: MENU_ID, pageUrl: url }
  )
  await expect.poll(() => dials.length).toBe(1)
  await page.waitForTimeout(500)
  expect(dials).toEqual([{ number: '646 555 0111', origin: pagesUrl }])
})

test('the shortcut’s command calls what is selected on the page', async ({
  page,
  pagesUrl,
  extensionContext,
  dials
}) => {
  await page.goto(`${pagesUrl}/webmail.html`)
  await expectMarked(page, WEBMAIL_MARKS)
  await select(page, '+1 415-555-0134')
  const worker = await serviceWorker(extensionContext)
  await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome }
    // The page's tab, as the browser hands it to the command's listeners.
    const [tab] = await chrome.tabs.query({ active: true })
    chrome.commands.onCommand.dispatch('call-selection', tab!)
  })
  await expect.poll(() => dials).toEqual([{ number: '+1 415-555-0134', origin: pagesUrl }])
})

test('the popup’s switch turns marking off on the site, and on again', async ({ page, pagesUrl, extensionContext }) => {
  await page.goto(`${pagesUrl}/webmail.html`)
  await expectMarked(page, WEBMAIL_MARKS)
  const worker = await serviceWorker(extensionContext)
  // The popup opens over the page's tab, which stays the active one: it asks which site that is.
  const opened = extensionContext.waitForEvent('page', (candidate) => candidate.url().endsWith('/popup.html'))
  await worker.evaluate(async (url) => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome }
    const [tab] = await chrome.tabs.query({ active: true })
    await chrome.tabs.create({ url, active: false, windowId: tab!.windowId })
  }, `chrome-extension://${CHROMIUM_EXTENSION_ID}/popup.html`)
  const popup = await opened
  try {
    await expect(popup.getByRole('status')).toHaveText('Phone system: Registered with pbx.example.com')
    const marking = popup.getByRole('checkbox', { name: 'Mark phone numbers on 127.0.0.1' })
    await expect(marking).toBeChecked()
    await marking.uncheck()
    await expectMarked(page, [])
    await marking.check()
    await expectMarked(page, WEBMAIL_MARKS)
  } finally {
    await popup.close()
  }
})
