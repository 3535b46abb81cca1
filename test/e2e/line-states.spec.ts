import { reloadDeskDial } from './support/deskdial-app'
import { expect, test } from './support/e2e-fixtures'
import { startPhoneSystem } from './support/phone-system'

test.use({ viewport: { width: 900, height: 600 } })

test('the dots show colleagues free and busy in contacts and quick dial, and the status line shows the desk phone', async ({
  page,
  open
}) => {
  const phoneSystem = await startPhoneSystem({ lineStates: true })
  try {
    const app = await open({ account: { servers: [phoneSystem.address] } })
    await app.backend.saveContact({
      name: 'Anna Weber',
      department: 'Sales',
      numbers: [{ label: 'work', number: '2001' }]
    })
    await app.backend.saveContact({ name: 'Bob Free', numbers: [{ label: 'work', number: '2002' }] })
    await reloadDeskDial(page)

    // The desk phone (1001) is in a call with 2001: named from the contacts.
    await expect(page.getByTestId('desk-phone-line')).toHaveText('Your desk phone: in a call with Anna Weber')

    const list = page.getByRole('listbox', { name: 'Contacts' })
    const anna = list.getByRole('option', { name: /Anna Weber/ })
    const bob = list.getByRole('option', { name: /Bob Free/ })
    await expect(anna.getByRole('img', { name: 'busy' })).toBeVisible()
    await expect(bob.getByRole('img', { name: 'free' })).toBeVisible()

    // Before calling a busy colleague the call button says so; calling is still possible.
    await anna.click()
    await expect(page.getByRole('button', { name: /work 2001 Call \(busy\)/ })).toBeVisible()
    await bob.click()
    await expect(page.getByRole('button', { name: /work 2002 Call$/ })).toBeVisible()

    await page.goto(page.url() + '#quick-dial')
    await reloadDeskDial(page)
    const search = page.getByRole('combobox', { name: 'Name or number to call' })
    const results = page.getByRole('listbox', { name: 'Matches' }).getByRole('option')
    await search.fill('anna')
    await expect(results.first()).toContainText('Anna Weber')
    await expect(results.first().getByRole('img', { name: 'busy' })).toBeVisible()
    await search.fill('bob')
    await expect(results.first().getByRole('img', { name: 'free' })).toBeVisible()
  } finally {
    await phoneSystem.stop()
  }
})
