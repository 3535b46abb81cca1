import { reloadDeskDial } from './support/deskdial-app'
import { expect, test } from './support/e2e-fixtures'
import { startPhoneSystem, type PhoneSystem } from './support/phone-system'

test.use({ viewport: { width: 900, height: 600 } })

// The phone system (pbx-line-states.xml): the desk phone 1001 rings from +1 201-555-0123 and then
// is in a call with it; 2001 is in a call; every other line is free.
const contacts = [
  {
    name: 'Anna Weber',
    department: 'Sales',
    numbers: [
      { label: 'work' as const, number: '2001' },
      { label: 'mobile' as const, number: '+1 201-555-0123' }
    ]
  },
  { name: 'Bob Free', numbers: [{ label: 'work' as const, number: '2002' }] }
]

let phoneSystem: PhoneSystem

test.beforeEach(async () => {
  phoneSystem = await startPhoneSystem({ lineStates: true })
})

test.afterEach(async () => {
  await phoneSystem.stop()
})

test('the dots show colleagues free and busy in contacts and quick dial, and the status line shows the desk phone', async ({
  page,
  open
}) => {
  await open({ account: { servers: [phoneSystem.address] }, contacts })

  // The desk phone is in a call with +1 201-555-0123: named from the contacts.
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
})

test('a call ringing on the desk phone is told by name and opens the screen-pop URL once', async ({ page, open }) => {
  const app = await open({
    account: { servers: [phoneSystem.address] },
    contacts,
    screenPopUrl: 'https://crm.example.com/find?phone={e164}'
  })
  const deskPhone = page.getByTestId('desk-phone-line')
  await expect(deskPhone).toHaveText('Your desk phone: in a call with Anna Weber')
  expect(app.notices).toEqual([{ title: 'Anna Weber (Sales) is calling your desk phone', body: 'From +12015550123.' }])
  expect(app.openedUrls).toEqual(['https://crm.example.com/find?phone=%2B12015550123'])
})
