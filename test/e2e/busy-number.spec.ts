import { expect, test } from './support/e2e-fixtures'
import { startPhoneSystem } from './support/phone-system'

test('a busy number fails with "The number is busy", and Redial tries again', async ({ page, open }) => {
  const busyPhoneSystem = await startPhoneSystem({ finalStatus: '486 Busy Here' })
  try {
    await open({ account: { servers: [busyPhoneSystem.address] } })
    await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
    await page.keyboard.press('Control+d')
    await expect(page.getByLabel('Number to call')).toBeFocused()
    await page.keyboard.type('1002')
    await page.keyboard.press('Enter')

    const card = page.getByRole('listitem', { name: 'Call to 1002' })
    await expect(card).toHaveAttribute('data-state', 'failed')
    await expect(card).toContainText('Failed')
    await expect(card).toContainText('The number is busy')
    await expect(page.getByTestId('call-announcer')).toHaveText('1002: The number is busy')

    await card.getByRole('button', { name: 'Redial' }).click()
    await expect(page.getByRole('listitem', { name: 'Call to 1002' })).toHaveCount(2)
    await expect(page.getByRole('listitem', { name: 'Call to 1002' }).first()).toHaveAttribute('data-state', 'failed')
  } finally {
    await busyPhoneSystem.stop()
  }
})
