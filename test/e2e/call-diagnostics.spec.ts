import type { Page } from '@playwright/test'
import { DESKDIAL_VERSION } from './support/deskdial-app'
import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

const PASSWORD = 'Pa55-for-the-ladder'

/** What the page's last navigator.clipboard.writeText call wrote (the page's own clipboard is real; this reads it back). */
function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText()
  )
}

test('a finished call opens its ladder diagram from the history, shows a raw message, and copies diagnostics without the password', async ({
  page,
  context,
  open,
  phoneSystem
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await open({ account: { servers: [phoneSystem.address] }, password: PASSWORD })
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')

  await page.keyboard.press('Control+d')
  await page.getByLabel('Number to call').fill('1002')
  await page.getByLabel('Number to call').press('Enter')
  const card = page.getByRole('listitem', { name: 'Call to 1002' })
  await expect(card).toHaveAttribute('data-state', 'connected')

  // The finished call, from the history, by keyboard: Alt+Enter on the active row.
  await page.keyboard.press('Control+3')
  const history = page.getByRole('listbox', { name: /Call history/ })
  await expect(history.getByRole('option')).toHaveCount(1)
  await page.getByRole('combobox', { name: 'Search history' }).press('Alt+Enter')
  const dialog = page.getByRole('dialog', { name: 'SIP messages of the call to 1002' })
  await expect(dialog).toBeVisible()

  const arrows = dialog.getByRole('list', { name: /SIP messages, oldest first/ }).getByRole('button')
  const labels = await arrows.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('aria-label') ?? ''))
  const [, port] = phoneSystem.address.split(':')
  expect(labels.map((label) => label.replace(/\+\d+\.\d{3} s/, '+t'))).toEqual([
    'DeskDial to the phone system, +t: REFER sip:1001@127.0.0.1 SIP/2.0',
    'The phone system to DeskDial, +t: SIP/2.0 202 Accepted',
    expect.stringMatching(/^The phone system to DeskDial, \+t: NOTIFY sips?:\S+ SIP\/2\.0$/),
    'DeskDial to the phone system, +t: SIP/2.0 200 OK',
    expect.stringMatching(/^The phone system to DeskDial, \+t: NOTIFY /),
    'DeskDial to the phone system, +t: SIP/2.0 200 OK',
    expect.stringMatching(/^The phone system to DeskDial, \+t: NOTIFY /),
    'DeskDial to the phone system, +t: SIP/2.0 200 OK'
  ])
  expect(labels[0]).toContain('+0.000 s')
  // The phone system waits 400 ms before its 202 (test/e2e/scenarios/pbx-click-to-dial.xml).
  expect(Number(/\+(\d+\.\d{3}) s/.exec(labels[1])?.[1])).toBeGreaterThanOrEqual(0.4)
  await expect(dialog).toContainText(`UDP with the phone system at 127.0.0.1:${port}`)

  // The first arrow has the focus; the arrow keys move, Enter shows the message.
  await expect(arrows.first()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(arrows.nth(1)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(arrows.nth(1)).toHaveAttribute('aria-pressed', 'true')
  const raw = dialog.getByRole('region', { name: /SIP\/2.0 202 Accepted/ })
  await expect(raw).toContainText('CSeq: 1 REFER')
  await page.keyboard.press('End')
  await expect(arrows.last()).toBeFocused()
  await arrows.nth(6).click()
  const notify = dialog.getByRole('region', { name: /NOTIFY/ })
  await expect(notify).toContainText('Subscription-State: terminated;reason=noresource')
  await expect(notify).toContainText('SIP/2.0 200 OK')

  await dialog.getByRole('button', { name: 'Copy diagnostics' }).click()
  await expect(dialog.getByRole('status')).toHaveText(
    "Copied this call's diagnostics: paste them into your message to the phone administrator."
  )
  await screenshotBothThemes(page, 'call-ladder')
  const report = await clipboardText(page)
  expect(report).toMatch(new RegExp(`^DeskDial diagnostics\\nVersion: ${DESKDIAL_VERSION.replace(/\./g, '\\.')}\\n`))
  expect(report).toContain(`  Servers: ${phoneSystem.address}\n`)
  expect(report).toMatch(/Registration history\n(?: {2}.*\n)* {2}\S+ registered \(at 127\.0\.0\.1:\d+\): /)
  expect(report).toContain('REFER sip:1001@127.0.0.1 SIP/2.0')
  expect(report.match(/^NOTIFY /gm)).toHaveLength(3)
  expect(report).not.toContain('REGISTER sip:')
  expect(report).not.toContain(PASSWORD)

  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()

  // The whole app's report, from Settings: the registration's messages too.
  await page.keyboard.press('Control+4')
  await page.getByRole('group', { name: 'Diagnostics' }).getByRole('button', { name: 'Copy diagnostics' }).click()
  await expect(page.getByRole('group', { name: 'Diagnostics' }).getByRole('status')).toHaveText(
    'Copied: paste it into your message to the phone administrator.'
  )
  await page.getByRole('group', { name: 'Diagnostics' }).scrollIntoViewIfNeeded()
  await screenshotBothThemes(page, 'settings-diagnostics')
  const appReport = await clipboardText(page)
  expect(appReport).toContain('All SIP messages, oldest first')
  expect(appReport).toMatch(/^REGISTER sip:127\.0\.0\.1 SIP\/2\.0$/m)
  expect(appReport).toContain('REFER sip:1001@127.0.0.1 SIP/2.0')
  expect(appReport).not.toContain(PASSWORD)
})
