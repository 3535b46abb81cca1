/**
 * The company directory in Settings, against a real OpenLDAP server on loopback: filled in with
 * the keyboard and the mouse, tested (a wrong password, then the right one), saved, and after a
 * reload the bind password is kept but never shown.
 */
import { reloadDeskDial } from './support/deskdial-app'
import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'
import { PEOPLE_DN, READER_DN, startSlapd, type TestDirectory } from '../ldap/support/slapd'
import { requireTool } from '../sip/support/require-tool'

let slapd: TestDirectory | undefined

test.beforeAll(async () => {
  if (requireTool('slapd') && requireTool('openssl')) slapd = await startSlapd({ people: 50 })
})
test.afterAll(async () => {
  await slapd?.stop()
})

test('the company directory is filled in, tested against slapd, saved, and its password kept but never shown', async ({
  page,
  open,
  phoneSystem
}) => {
  test.skip(!slapd, 'slapd and openssl are needed')
  const directory = slapd as TestDirectory
  const app = await open({ account: { servers: [phoneSystem.address] } })
  await page.keyboard.press('Control+4')

  await page.getByLabel('Search the company directory').check()
  const server = page.getByLabel('Directory server')
  await server.fill(directory.url)
  await page.getByLabel('Bind DN').fill(READER_DN)
  const bindPassword = page.getByLabel('Bind password', { exact: true })
  await bindPassword.fill('not-the-password')
  await expect(page.getByTestId('directory-unencrypted-warning')).toHaveText(
    'The password would cross the network unencrypted: use ldaps:// or StartTLS.'
  )
  await page.getByLabel(/^Use StartTLS/).check()
  await expect(page.getByTestId('directory-unencrypted-warning')).toBeHidden()
  await expect(page.getByTestId('directory-secret-storage-warning')).toContainText(
    'so the directory bind password is stored without real encryption'
  )
  await page.getByLabel('Directory CA certificate file (optional)').fill(directory.caFile)
  await page.getByLabel('Base DN').fill(PEOPLE_DN)

  const result = page.locator('#directory-test-result')
  await page.getByRole('button', { name: 'Test directory' }).click()
  await expect(result).toHaveText(
    /^The directory at 127\.0\.0\.1:\d+ refused the bind DN "cn=reader,dc=example,dc=com" or its password \(LDAP result 49, invalid credentials\)\./
  )

  await bindPassword.fill(directory.password)
  // From the keyboard: past the filter and the folded attributes, Tab reaches the button and Enter presses it.
  await page.getByLabel('Search filter').focus()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Test directory' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(result).toHaveText(
    /^It works\. Connected to 127\.0\.0\.1:\d+ with StartTLS and bound as cn=reader,dc=example,dc=com; found .+ under ou=people,dc=example,dc=com\.$/
  )

  // Where the login name is looked up: the kind's usual attribute until one is named.
  await page.getByText('Attributes', { exact: true }).click()
  const loginAttributes = page.getByLabel('Login lookup attributes')
  await expect(loginAttributes).toHaveValue('')
  await expect(loginAttributes).toHaveAttribute('placeholder', 'uid')
  await loginAttributes.fill('uid, mail')

  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
  await page
    .getByRole('group', { name: 'Company directory' })
    .evaluate((section) => section.scrollIntoView({ block: 'start' }))
  await screenshotBothThemes(page, 'directory-settings')
  expect(app.backend.settings.directory).toMatchObject({
    enabled: true,
    url: directory.url,
    startTls: true,
    loginAttributes: 'uid, mail'
  })
  expect(await app.backend.directoryPassword()).toBe(directory.password)

  await reloadDeskDial(page)
  await page.keyboard.press('Control+4')
  await expect(page.getByLabel('Directory server')).toHaveValue(directory.url)
  await expect(bindPassword).toHaveValue('')
  await expect(bindPassword).toHaveAttribute('placeholder', 'stored')
  await expect(bindPassword).toHaveAttribute('type', 'password')
  await expect(bindPassword).toHaveAccessibleDescription(/A bind password is stored on this computer\./)
  expect(await page.content()).not.toContain(directory.password)

  // The stored password is used by the test, and typed again once the server changes.
  await page.getByRole('button', { name: 'Test directory' }).click()
  await expect(result).toHaveText(/^It works\./)
  await server.fill(directory.url.replace('127.0.0.1', 'localhost'))
  await expect(bindPassword).toHaveAccessibleDescription(/^Type the bind password again/)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(bindPassword).toBeFocused()
  await expect(bindPassword).toHaveAttribute('aria-invalid', 'true')
  expect(app.backend.settings.directory.url).toBe(directory.url)
})

test('the directory fields show their problems beside them, and the defaults fill the filter only on request', async ({
  page,
  open,
  phoneSystem
}) => {
  await open({ account: { servers: [phoneSystem.address] } })
  await page.keyboard.press('Control+4')
  await page.getByLabel('Search the company directory').check()
  const server = page.getByLabel('Directory server')
  await server.fill('ldap.example.com')
  await page.getByLabel('Search filter').fill('(objectClass=person')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(server).toBeFocused()
  await expect(server).toHaveAccessibleDescription(/Directory server must be written like ldaps:\/\/ldap\.example\.com/)
  await expect(page.getByLabel('Base DN')).toHaveAccessibleDescription(/Enter the base DN/)
  await expect(page.getByLabel('Search filter')).toHaveAccessibleDescription(
    /Search filter must be one LDAP filter in parentheses/
  )

  await page.getByLabel('Directory kind').selectOption('active-directory')
  await expect(page.getByLabel('Search filter')).toHaveValue('(objectClass=person')
  await page.getByText('Attributes', { exact: true }).click()
  // One attribute map for both kinds: a directory moved from one to the other holds both kinds of names.
  await expect(page.getByLabel('Name attribute')).toHaveValue('displayName, cn')
  await page.getByRole('button', { name: 'Use defaults for Active Directory' }).click()
  await expect(page.getByLabel('Search filter')).toHaveValue(/^\(&\(objectCategory=person\)/)
  await expect(page.getByLabel('Name attribute')).toHaveValue('displayName, cn')
  await expect(page.getByLabel('Search filter')).not.toHaveAttribute('aria-invalid', 'true')
  const loginAttributes = page.getByLabel('Login lookup attributes')
  await expect(loginAttributes).toHaveAttribute('placeholder', 'sAMAccountName, userPrincipalName')
  await loginAttributes.fill('sAMAccountName=kberg')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(loginAttributes).toHaveAccessibleDescription(
    /Login lookup attributes must be LDAP attribute names such as uid or sAMAccountName/
  )
  await page.getByRole('button', { name: 'Use defaults for Active Directory' }).click()
  await expect(loginAttributes).toHaveValue('')

  // Switched off, the fields are hidden, but what stops the save is still said.
  await page.getByLabel('Search the company directory').uncheck()
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByRole('group', { name: 'Company directory' }).getByRole('alert')).toHaveText(
    /^Directory server must be written like ldaps:\/\/ldap\.example\.com.* Switch the company directory on to correct it\.$/
  )
})
