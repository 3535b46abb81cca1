/**
 * DeskDial under an administrator's policy file (issue 17): the first run asks only for what the
 * policy leaves open, and Settings shows the locked fields disabled with their sentence and which
 * policy manages DeskDial (the login lookup attributes too). Registers with SIPp on loopback.
 */
import path from 'node:path'
import { expect, test } from './support/e2e-fixtures'

/** The phone system locked, the desk phone line a default: only the password is left to ask. */
function policyFor(address: string) {
  return {
    defaults: { account: { line: '1001' } },
    locked: { account: { servers: [address], transport: 'udp', user: '1001' } }
  }
}

test('first run with a policy: only the password is asked, and DeskDial registers', async ({
  page,
  open,
  phoneSystem
}) => {
  await open({ policy: policyFor(phoneSystem.address) })
  const setup = page.getByRole('form', { name: 'Set up DeskDial' })
  await expect(setup).toBeVisible()
  await expect(setup.getByRole('textbox')).toHaveCount(1)
  for (const label of ['Phone system address', 'Transport', 'User', 'Desk phone line'])
    await expect(setup.getByLabel(label)).toHaveCount(0)
  await setup.getByLabel('Password').fill('secret')
  await setup.getByRole('button', { name: 'Test connection' }).click()
  await expect(setup.getByRole('status')).toHaveText('It works. Registered as 1001 at 127.0.0.1.')
  await setup.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible()
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
})

test('Settings: locked fields disabled with "Set by your administrator", and which policy manages DeskDial', async ({
  page,
  open,
  phoneSystem,
  dataDirectory
}) => {
  const app = await open({ policy: policyFor(phoneSystem.address) })
  await page.getByRole('form', { name: 'Set up DeskDial' }).getByLabel('Password').fill('secret')
  await page.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Settings' }).click()
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible()

  await expect(page.getByRole('note').filter({ hasText: 'Managed by' })).toContainText(
    `Managed by ${path.join(dataDirectory, 'test-policy.json')}`
  )
  for (const label of ['Phone system addresses', 'Transport', 'User']) {
    const field = page.getByLabel(label, { exact: true })
    await expect(field).toBeDisabled()
    await expect(field).toHaveAccessibleDescription(/Set by your administrator/)
  }
  // A default is the user's to change.
  const line = page.getByLabel('Desk phone line')
  await expect(line).toBeEnabled()
  await expect(line).not.toHaveAccessibleDescription(/Set by your administrator/)
  await line.fill('1002')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect.poll(() => app.backend.settings.account.line).toBe('1002')
  expect(app.backend.settings.account.servers).toEqual([phoneSystem.address])
})

test('Settings: login lookup attributes locked by the policy are shown, disabled, with their sentence', async ({
  page,
  open,
  phoneSystem
}) => {
  const policy = policyFor(phoneSystem.address)
  await open({
    policy: {
      defaults: {
        ...policy.defaults,
        directory: { enabled: true, url: 'ldap://127.0.0.1:9', baseDn: 'ou=people,dc=example,dc=com' }
      },
      locked: { ...policy.locked, directory: { loginAttributes: 'employeeID' } }
    }
  })
  await page.getByRole('form', { name: 'Set up DeskDial' }).getByLabel('Password').fill('secret')
  await page.getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByText('Attributes', { exact: true }).click()
  const loginAttributes = page.getByLabel('Login lookup attributes')
  await expect(loginAttributes).toHaveValue('employeeID')
  await expect(loginAttributes).toBeDisabled()
  await expect(loginAttributes).toHaveAccessibleDescription(/Set by your administrator/)
})
