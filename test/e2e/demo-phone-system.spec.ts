import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'
import { hostAndPort, tcpPortAnswers } from '../support/port-answers'

test('first run: the built-in demo phone system connects a call and shows a busy number, and "Use my own phone system" stops it', async ({
  page,
  open
}) => {
  const app = await open()
  const setup = page.getByRole('form', { name: 'Set up DeskDial' })
  await screenshotBothThemes(page, 'first-run-demo-offer')
  await setup.getByRole('button', { name: 'Try it with the built-in demo phone system' }).click()

  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible()
  await expect(page.getByTestId('demo-badge')).toContainText('Demo phone system')
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as deskdial at 127.0.0.1')

  await page.keyboard.press('Control+d')
  await page.getByLabel('Number to call').fill('1002')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('listitem', { name: 'Call to 1002' })).toHaveAttribute('data-state', 'connected')

  await page.getByLabel('Number to call').fill('486')
  await page.keyboard.press('Enter')
  const busy = page.getByRole('listitem', { name: 'Call to 486' })
  await expect(busy).toHaveAttribute('data-state', 'failed')
  await expect(busy).toContainText('The number is busy')
  await screenshotBothThemes(page, 'demo-calls')

  await page.keyboard.press('Control+4')
  const panel = page.getByTestId('demo-phone-system')
  await expect(panel).toContainText('Demo phone system.')
  await expect(panel).toContainText('486 is busy')
  await screenshotBothThemes(page, 'demo-settings')

  const view = await app.backend.getSettings()
  const { host, port } = hostAndPort(view.demo?.server ?? '')
  expect(await tcpPortAnswers(host, port)).toBe(true)
  await page.getByTestId('demo-badge').getByRole('button', { name: 'Use my own phone system' }).click()

  await expect(page.getByLabel('Phone system addresses')).toBeFocused()
  await expect(page.getByLabel('Phone system addresses')).toHaveValue('')
  await expect(page.getByTestId('demo-badge')).toHaveCount(0)
  await expect(page.getByTestId('registration-status')).toHaveText(
    'Enter your phone system account in Settings to start dialling.'
  )
  expect(await tcpPortAnswers(host, port)).toBe(false)
})
