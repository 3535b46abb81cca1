import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

test('first run: five fields, a passing connection test, done, and DeskDial is registered', async ({ page, open, phoneSystem }) => {
  await open()
  const setup = page.getByRole('form', { name: 'Set up DeskDial' })
  await expect(setup).toBeVisible()
  await setup.getByLabel('Phone system address').fill(phoneSystem.address)
  await setup.getByLabel('Transport').selectOption('udp')
  await setup.getByLabel('User').fill('1001')
  await setup.getByLabel('Password').fill('secret')
  await setup.getByLabel('Desk phone line').fill('1001')
  await setup.getByRole('button', { name: 'Test connection' }).click()
  await expect(setup.getByRole('status')).toHaveText('It works. Registered as 1001 at 127.0.0.1.')
  await screenshotBothThemes(page, 'first-run')

  await setup.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible()
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
})
