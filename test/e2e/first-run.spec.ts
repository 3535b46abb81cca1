import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'
import { passFirstRunConnectionTest } from './support/first-run'

test('first run: five fields, a passing connection test, done, and DeskDial is registered', async ({
  page,
  open,
  phoneSystem
}) => {
  await open()
  await expect(page.getByRole('form', { name: 'Set up DeskDial' })).toBeVisible()
  const setup = await passFirstRunConnectionTest(page, phoneSystem.address)
  await screenshotBothThemes(page, 'first-run')

  await setup.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible()
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
})
