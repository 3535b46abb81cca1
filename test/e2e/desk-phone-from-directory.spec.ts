/**
 * The user's own desk phone from the company directory (issue 17 §3), against a real OpenLDAP
 * server on loopback: the policy sets the phone system and the directory, the first run proposes
 * "Is 1001 your desk phone?" for the login name "alice", and nothing is filled in without a click.
 */
import { expect, test } from './support/e2e-fixtures'
import { startSlapd, type TestDirectory } from '../ldap/support/slapd'
import { requireTool } from '../sip/support/require-tool'

let slapd: TestDirectory | undefined

test.beforeAll(async () => {
  if (requireTool('slapd') && requireTool('openssl'))
    slapd = await startSlapd({
      people: 20,
      extraPeople: [
        {
          uid: 'alice',
          cn: 'Alice Example',
          sn: 'Example',
          telephoneNumber: '1001',
          mail: 'alice@example.com',
          ou: 'Sales',
          o: 'Example',
          title: 'Account manager'
        }
      ]
    })
})
test.afterAll(async () => {
  await slapd?.stop()
})

/** The phone system locked; the company directory (read anonymously) a default; no desk phone. */
function policyFor(address: string, directory: TestDirectory) {
  return {
    defaults: { directory: directory.settings({ enabled: true, bindDn: '' }) },
    locked: { account: { servers: [address], transport: 'udp', user: '1001' } }
  }
}

test('first run: "Is 1001 your desk phone?" — Yes fills it in, and DeskDial registers', async ({
  page,
  open,
  phoneSystem
}) => {
  test.skip(!slapd, 'slapd and openssl are needed')
  await open({ policy: policyFor(phoneSystem.address, slapd as TestDirectory) })
  const setup = page.getByRole('form', { name: 'Set up DeskDial' })
  const proposal = setup.getByRole('region', { name: 'Your desk phone from the company directory' })
  await expect(proposal).toContainText('Is 1001 your desk phone?')
  await expect(setup.getByLabel('Desk phone line')).toHaveValue('')

  await proposal.getByRole('button', { name: 'Yes' }).click()
  await expect(setup.getByLabel('Desk phone line')).toHaveValue('1001')
  await expect(proposal).toBeHidden()
  await setup.getByLabel('Password').fill('secret')
  await setup.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')
})

test('first run: "Choose another" leaves the desk phone empty and puts the focus on it', async ({
  page,
  open,
  phoneSystem
}) => {
  test.skip(!slapd, 'slapd and openssl are needed')
  await open({ policy: policyFor(phoneSystem.address, slapd as TestDirectory) })
  const setup = page.getByRole('form', { name: 'Set up DeskDial' })
  const proposal = setup.getByRole('region', { name: 'Your desk phone from the company directory' })
  await proposal.getByRole('button', { name: 'Choose another' }).click()
  await expect(proposal).toBeHidden()
  const line = setup.getByLabel('Desk phone line')
  await expect(line).toBeFocused()
  await expect(line).toHaveValue('')
})
