import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

test('a tel: link shows who will be called and dials only on Enter', async ({ page, open, phoneSystem }) => {
  const app = await open({ account: { servers: [phoneSystem.address] } })
  await app.backend.saveContact({ name: 'Alice Archer', numbers: [{ label: 'work', number: '+1 201-555-0123' }] })
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')

  await app.backend.handleLink('tel:+1-201-555-0123')
  const confirmation = page.getByRole('dialog', { name: 'Call +1 201 555 0123 (Alice Archer, work)?' })
  await expect(confirmation).toBeVisible()
  await expect(page.getByRole('listitem', { name: /^Call to/ })).toHaveCount(0)
  await screenshotBothThemes(page, 'link-confirmation')

  // Call becomes the default only after the dialog has been on screen for a moment.
  const call = confirmation.getByRole('button', { name: /^Call/ })
  await expect(call).toHaveAttribute('data-armed', 'true')
  await expect(call).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(confirmation).toBeHidden()
  await expect(page.getByRole('listitem', { name: 'Call to Alice Archer' })).toHaveAttribute('data-state', 'connected')
})

test('a burst of links makes one dialog without a default button: an Enter meant for something else dials nothing', async ({
  page,
  open,
  phoneSystem
}) => {
  // The page's clock stands still while the dialog is checked, so "not armed yet" never depends on the machine's speed.
  await page.clock.install()
  const app = await open({ account: { servers: [phoneSystem.address] } })
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
  await page.clock.pauseAt(Date.now() + 60_000)

  await Promise.all(
    ['tel:+1-201-555-0101', 'tel:+1-900-555-0102', 'tel:+1-201-555-0103', 'tel:911', 'tel:+1-201-555-0105'].map(
      (link) => app.backend.handleLink(link)
    )
  )
  const confirmation = page.getByRole('dialog', { name: /^Call / })
  await expect(confirmation).toHaveCount(1)
  await expect(confirmation).toHaveAccessibleName('Call +1 201 555 0101?')
  await expect(confirmation.getByTestId('blocked-links')).toHaveText(
    '4 more links were blocked from other applications while this one waited.'
  )
  await expect(confirmation.getByRole('button', { name: /^Cancel/ })).toBeFocused()
  await expect(confirmation.getByRole('button', { name: /^Call/ })).toHaveAttribute('data-armed', 'false')
  await page.clock.runFor(500)
  await expect(confirmation.getByRole('button', { name: /^Cancel/ })).toBeFocused()

  // The user was typing: the next Enter lands on Cancel, not on Call.
  await page.keyboard.press('Enter')
  await expect(confirmation).toBeHidden()
  expect((await app.backend.getStatus()).calls).toEqual([])
  expect((await app.backend.getStatus()).pendingLinks).toEqual([])
})

test('Esc refuses a link: nothing is dialled', async ({ page, open, phoneSystem }) => {
  const app = await open({ account: { servers: [phoneSystem.address] } })
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')

  await app.backend.handleLink('tel:+1-914-555-0142')
  const confirmation = page.getByRole('dialog', { name: /^Call / })
  await expect(confirmation).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(confirmation).toBeHidden()
  expect((await app.backend.getStatus()).pendingLinks).toEqual([])
  expect((await app.backend.getStatus()).calls).toEqual([])
})
