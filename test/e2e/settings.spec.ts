import { reloadDeskDial } from './support/deskdial-app'
import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

test('changed settings are saved, survive a reload and a restart of DeskDial', async ({
  page,
  context,
  open,
  phoneSystem
}) => {
  const first = await open({ account: { servers: [phoneSystem.address] }, password: 'secret' })
  await page.keyboard.press('Control+4')
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()
  await expect(page.getByTestId('secret-storage-warning')).toContainText('stored without real encryption')
  await expect(page.getByLabel('Password')).toHaveAttribute('placeholder', 'stored')

  await page.getByLabel('Outside-line prefix').fill('9')
  await page.getByLabel('Quick-dial hotkey').fill('CommandOrControl+Shift+K')
  await page.getByLabel('Start DeskDial when I log in').check()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  await page.getByRole('heading', { name: 'Settings' }).scrollIntoViewIfNeeded()
  await screenshotBothThemes(page, 'settings')

  await reloadDeskDial(page)
  await page.keyboard.press('Control+4')
  await expect(page.getByLabel('Outside-line prefix')).toHaveValue('9')
  await expect(page.getByLabel('Quick-dial hotkey')).toHaveValue('CommandOrControl+Shift+K')
  await expect(page.getByLabel('Start DeskDial when I log in')).toBeChecked()

  await first.shutdown()
  const restarted = await context.newPage()
  await open({ page: restarted })
  await restarted.getByRole('button', { name: 'Settings' }).click()
  await expect(restarted.getByLabel('Outside-line prefix')).toHaveValue('9')
  await expect(restarted.getByLabel('Start DeskDial when I log in')).toBeChecked()
  await expect(restarted.getByLabel('Phone system addresses')).toHaveValue(phoneSystem.address)
})

test('a settings error is shown next to its field, which gets the focus', async ({ page, open, phoneSystem }) => {
  await open({ account: { servers: [phoneSystem.address] } })
  await page.keyboard.press('Control+4')
  await page.getByLabel('Phone system addresses').fill('')
  await page.getByRole('button', { name: 'Save settings' }).click()

  const servers = page.getByLabel('Phone system addresses')
  await expect(servers).toBeFocused()
  await expect(servers).toHaveAttribute('aria-invalid', 'true')
  await expect(servers).toHaveAccessibleDescription(/Enter the address of your phone system/)
})

test('Test connection registers with the settings as typed and says so in words', async ({
  page,
  open,
  phoneSystem
}) => {
  await open({ account: { servers: [phoneSystem.address] } })
  await page.keyboard.press('Control+4')
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.locator('#connection-test-result')).toHaveText('It works. Registered as 1001 at 127.0.0.1.')

  await page.getByLabel('Phone system addresses').fill('127.0.0.1:9')
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByRole('button', { name: 'Testing…' })).toBeDisabled()
  await expect(page.locator('#connection-test-result')).toHaveText(
    'The phone system did not answer within 5 seconds. Check the server address, the port and the transport.',
    { timeout: 15_000 }
  )
})

test('a changed server asks for the password again at the password field, in the test and in saving', async ({
  page,
  open,
  phoneSystem
}) => {
  await open({ account: { servers: [phoneSystem.address] }, password: 'secret' })
  await page.keyboard.press('Control+4')
  await page.getByLabel('Phone system addresses').fill('127.0.0.1:9')
  const password = page.getByLabel('Password', { exact: true })

  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(password).toBeFocused()
  await expect(password).toHaveAttribute('aria-invalid', 'true')
  await expect(password).toHaveAccessibleDescription(
    /Type the password again: the server, the transport, the domain or the user changed/
  )
  await expect(page.locator('#connection-test-result')).toHaveText('The test did not run: see the field marked above.')

  await page.getByLabel('Outside-line prefix').focus()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(password).toBeFocused()
  await expect(password).toHaveAccessibleDescription(/Type the password again/)
})

test('the seconds between links dialled without asking are checked, saved and shown', async ({
  page,
  open,
  phoneSystem
}) => {
  const app = await open({ account: { servers: [phoneSystem.address] } })
  await page.keyboard.press('Control+4')
  const interval = page.getByLabel('Seconds between links dialled without asking')
  await expect(interval).toHaveValue('30')

  await interval.fill('2')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(interval).toBeFocused()
  await expect(interval).toHaveAccessibleDescription(
    /Seconds between links dialled without asking must be a whole number from 5 to 3600\./
  )
  expect(app.backend.settings.linkAutoDialIntervalSeconds).toBe(30)

  await interval.fill('120')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  expect(app.backend.settings.linkAutoDialIntervalSeconds).toBe(120)
})
