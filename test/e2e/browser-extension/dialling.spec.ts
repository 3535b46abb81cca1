/**
 * Dialling from a page: the Call button on a marked number and the page's own phone links reach
 * DeskDial (through the real native messaging host and relay) only from the user's own clicks;
 * a page script can neither click for the user nor reach the extension's messaging.
 */
import { renameSync } from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { CHROMIUM_EXTENSION_ID } from '../../../src/shared/browser-extension-identity'
import { expect, expectMarked, test } from './support/extension-fixtures'

/** Rests the pointer on the start of `number`'s cell text and returns the Call button that appears. */
async function hoverNumber(page: Page, number: string) {
  const cell = page.getByText(number, { exact: true })
  const box = (await cell.boundingBox())!
  await page.mouse.move(box.x + 12, box.y + box.height / 2)
  const button = page.getByRole('button', { name: `Call ${number} with DeskDial` })
  await expect(button).toBeVisible()
  return button
}

/** A moment for a dial that should not happen to show up anyway. */
const settle = (page: Page) => page.waitForTimeout(800)

test('resting on a marked number offers “Call <number> with DeskDial”; clicking it dials it with the page origin', async ({
  page,
  pagesUrl,
  dials
}) => {
  await page.goto(`${pagesUrl}/crm.html`)
  await expectMarked(page, ['(201) 555-0123', '+1 415-555-0134', '212.555.0147', '646 555 0111', '+44 20 7946 0958'])
  const button = await hoverNumber(page, '212.555.0147')
  await button.click()
  await expect(page.getByRole('status')).toHaveText('Calling 212.555.0147: pick up your desk phone when it rings.')
  expect(dials).toEqual([{ number: '212.555.0147', origin: pagesUrl }])
})

test('a page script clicking the Call button never dials', async ({ page, pagesUrl, dials }) => {
  await page.goto(`${pagesUrl}/crm.html`)
  await expectMarked(page, ['(201) 555-0123', '+1 415-555-0134', '212.555.0147', '646 555 0111', '+44 20 7946 0958'])
  await hoverNumber(page, '(201) 555-0123')
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      document: { querySelector(selector: string): { shadowRoot: { querySelector(s: string): unknown } } }
      MouseEvent: new (type: string, init: object) => unknown
    }
    const button = scope.document.querySelector('deskdial-ui').shadowRoot.querySelector('button') as {
      click(): void
      dispatchEvent(event: unknown): void
    }
    button.click()
    button.dispatchEvent(new scope.MouseEvent('click', { bubbles: true, composed: true }))
  })
  await settle(page)
  expect(dials).toEqual([])
})

test('a click on the page’s own tel:, callto: and sip: links dials through DeskDial, without leaving the page', async ({
  page,
  pagesUrl,
  dials
}) => {
  await page.goto(`${pagesUrl}/links.html`)
  await page.click('#tel')
  await page.click('#callto')
  await page.click('#sip')
  await expect.poll(() => dials.length).toBe(3)
  // Each click starts its own host, so the three may arrive in any order.
  expect([...dials].sort((a, b) => a.number.localeCompare(b.number))).toEqual([
    { number: '+12015550123', origin: pagesUrl },
    { number: '+12015550124', origin: pagesUrl },
    { number: '2015550125', origin: pagesUrl }
  ])
  expect(page.url()).toBe(`${pagesUrl}/links.html`)
  // The page still sees its own clicks, with the browser's default action (the external-application prompt) stopped.
  expect(
    await page.evaluate(() => (globalThis as unknown as { defaultPrevented: boolean[] }).defaultPrevented)
  ).toEqual([true, true, true])
})

test('a page script cannot dial: not by clicking a tel: link, not by messages', async ({ page, pagesUrl, dials }) => {
  await page.goto(`${pagesUrl}/links.html`)
  const reachable = await page.evaluate(() => {
    const scope = globalThis as unknown as {
      document: { getElementById(id: string): { click(): void } }
      postMessage(message: unknown, target: string): void
      chrome?: { runtime?: { sendMessage?: unknown } }
    }
    scope.document.getElementById('tel').click()
    scope.postMessage({ type: 'dial', number: '+12015550123' }, '*')
    scope.postMessage({ type: 'dial', number: '+12015550123', origin: 'https://crm.example.com' }, '*')
    return typeof scope.chrome?.runtime?.sendMessage
  })
  expect(reachable).toBe('undefined')
  await settle(page)
  expect(dials).toEqual([])
})

test('the popup shows DeskDial’s registration', async ({ page }) => {
  await page.goto(`chrome-extension://${CHROMIUM_EXTENSION_ID}/popup.html`)
  await expect(page.getByRole('status')).toHaveText('Phone system: Registered with pbx.example.com')
})

test('without the native host, a click and the popup say how to install it', async ({
  page,
  pagesUrl,
  profile,
  dials
}) => {
  const manifest = path.join(profile.userDataDir, 'NativeMessagingHosts', 'org.deskdial.dialer.json')
  renameSync(manifest, `${manifest}.away`)
  try {
    await page.goto(`${pagesUrl}/crm.html`)
    await expectMarked(page, ['(201) 555-0123', '+1 415-555-0134', '212.555.0147', '646 555 0111', '+44 20 7946 0958'])
    await (await hoverNumber(page, '646 555 0111')).click()
    await expect(page.getByRole('status')).toContainText('run “deskdial browser-host install”')
    await page.goto(`chrome-extension://${CHROMIUM_EXTENSION_ID}/popup.html`)
    await expect(page.getByText('DeskDial cannot be reached.')).toBeVisible()
    await expect(page.locator('#fix')).toHaveText('deskdial browser-host install')
    expect(dials).toEqual([])
  } finally {
    renameSync(`${manifest}.away`, manifest)
  }
})
