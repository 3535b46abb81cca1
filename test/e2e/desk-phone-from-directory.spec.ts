/**
 * The user's own desk phone from the company directory (issue 17 §3), against a real OpenLDAP
 * server on loopback: the policy sets the phone system and the directory, the first run proposes
 * "Is 1001 your desk phone?" for the login name "alice", and nothing is filled in without a click;
 * when two people have that login name, each is offered and the one clicked is filled in.
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
        },
        // The same login name by the local part of the mail address (found when mail is a login attribute).
        {
          uid: 'alice-old',
          cn: 'Alice Example (old account)',
          sn: 'Example',
          telephoneNumber: '1009',
          mail: 'alice@old.example.com',
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
function policyFor(address: string, directory: TestDirectory, loginAttributes?: string) {
  return {
    defaults: { directory: { ...directory.settings({ enabled: true, bindDn: '' }), loginAttributes } },
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

test('first run: several people with the login name are each offered, and only a click fills one in', async ({
  page,
  open,
  phoneSystem
}) => {
  test.skip(!slapd, 'slapd and openssl are needed')
  // Looked up by uid and by the mail address's local part: "alice" is both alice and alice-old.
  await open({ policy: policyFor(phoneSystem.address, slapd as TestDirectory, 'uid, mail') })
  const setup = page.getByRole('form', { name: 'Set up DeskDial' })
  const proposal = setup.getByRole('region', { name: 'Your desk phone from the company directory' })
  await expect(proposal).toContainText('The company directory lists several people with your login name.')
  const current = proposal.getByRole('button', { name: '1001 (Alice Example)', exact: true })
  const old = proposal.getByRole('button', { name: '1009 (Alice Example (old account))', exact: true })
  await expect(current).toBeVisible()
  await expect(old).toBeVisible()
  await expect(proposal.getByRole('button', { name: 'Yes' })).toHaveCount(0)
  const line = setup.getByLabel('Desk phone line')
  await expect(line).toHaveValue('')

  await old.click()
  await expect(line).toHaveValue('1009')
  await expect(proposal).toBeHidden()
})
