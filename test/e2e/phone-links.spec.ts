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

  await page.keyboard.press('Enter')
  await expect(confirmation).toBeHidden()
  await expect(page.getByRole('listitem', { name: 'Call to Alice Archer' })).toHaveAttribute('data-state', 'connected')
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
