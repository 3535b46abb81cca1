import { requireTool } from '../sip/support/require-tool'
import { startSlapd, type TestDirectory } from '../ldap/support/slapd'
import { expect, test } from './support/e2e-fixtures'

test.use({ viewport: { width: 560, height: 380 } })

let directory: TestDirectory | undefined

test.afterEach(async () => {
  await directory?.stop()
  directory = undefined
})

test('quick dial finds "Jürgen Müller" in the company directory (real slapd) from "mulelr", and Enter calls his number', async ({
  page,
  open,
  phoneSystem
}) => {
  test.skip(!requireTool('slapd') || !requireTool('openssl'), 'slapd and openssl are needed')
  directory = await startSlapd({ people: 2000 })
  const app = await open({
    account: { servers: [phoneSystem.address] },
    companyDirectory: directory.settings({ enabled: true }),
    directoryPassword: directory.password,
    hash: '#quick-dial'
  })

  // The offline copy is fetched when the directory is switched on; its status shows in the window.
  await expect(page.getByTestId('directory-status')).toContainText('people available offline')

  const search = page.getByRole('combobox', { name: 'Name or number to call' })
  const results = page.getByRole('listbox', { name: 'Matches' }).getByRole('option')
  await search.fill('mulelr')
  await expect(results.first()).toContainText('Jürgen Müller')
  await expect(results.first()).toContainText('Directory')
  await expect(results.first()).toContainText('+1 (201) 555-0123')
  await expect(results.first().locator('mark')).toHaveText('Müller')
  // The live search has answered (nothing matches the typo on the server) and the result stays.
  await expect(page.getByTestId('directory-status')).toContainText('people available offline')
  await expect(results.first()).toContainText('Jürgen Müller')

  await search.press('Enter')
  await expect.poll(() => app.hideRequests).toBe(1)
  await expect
    .poll(async () => (await app.backend.getStatus()).calls.map((call) => call.target))
    .toEqual(['+1 (201) 555-0123'])
  const [call] = (await app.backend.getStatus()).calls
  await expect.poll(() => app.backend.diagnosticsReport(call.id)).toMatch(/Refer-To: <?sip:[^>\s]*2015550123@/)
})
