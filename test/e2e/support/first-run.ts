import { expect, type Locator, type Page } from '@playwright/test'

/**
 * Fills DeskDial's first-run setup for user 1001, whose desk phone is line 1001, at the phone
 * system `address` over UDP, and passes its connection test. Returns the setup form (for Done).
 */
export async function passFirstRunConnectionTest(page: Page, address: string): Promise<Locator> {
  const setup = page.getByRole('form', { name: 'Set up DeskDial' })
  await setup.getByLabel('Phone system address').fill(address)
  await setup.getByLabel('Transport').selectOption('udp')
  await setup.getByLabel('User').fill('1001')
  await setup.getByLabel('Password').fill('secret')
  await setup.getByLabel('Desk phone line').fill('1001')
  await setup.getByRole('button', { name: 'Test connection' }).click()
  await expect(setup.getByRole('status')).toHaveText('It works. Registered as 1001 at 127.0.0.1.')
  return setup
}
