import { reloadDeskDial } from './support/deskdial-app'
import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

test.use({ viewport: { width: 560, height: 380 } })

test('quick dial offers the clipboard number first, finds a contact, dials with arrows and Enter, and Esc hides', async ({
  page,
  open,
  phoneSystem
}) => {
  const app = await open({
    account: { servers: [phoneSystem.address] },
    clipboard: '+1 (201) 555-0199',
    hash: '#quick-dial'
  })
  await app.backend.saveContact({
    name: 'Alice Archer',
    company: 'Example Corp',
    numbers: [
      { label: 'work', number: '+1 201-555-0123' },
      { label: 'mobile', number: '+1 917-555-0188' }
    ]
  })
  await reloadDeskDial(page)

  const search = page.getByRole('combobox', { name: 'Name or number to call' })
  await expect(search).toBeFocused()
  const results = page.getByRole('listbox', { name: 'Matches' }).getByRole('option')
  await expect(results.first()).toContainText('+1 201 555 0199')
  await expect(results.first()).toContainText('Number on the clipboard')

  await search.fill('alice')
  await expect(results).toHaveCount(2)
  await screenshotBothThemes(page, 'quick-dial')
  await search.press('ArrowDown')
  await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true')
  await search.press('Enter')
  await expect.poll(() => app.hideRequests).toBe(1)
  await expect
    .poll(async () => (await app.backend.getStatus()).calls.map((call) => call.target))
    .toEqual(['+1 917-555-0188'])

  await search.press('Escape')
  await expect.poll(() => app.hideRequests).toBe(2)
})

test('quick dial offers the selected number first, then what is typed, then the clipboard number', async ({
  page,
  open,
  phoneSystem
}) => {
  const app = await open({
    account: { servers: [phoneSystem.address] },
    selection: '+1 201-555-0142',
    clipboard: '+1 (201) 555-0199',
    hash: '#quick-dial'
  })
  const search = page.getByRole('combobox', { name: 'Name or number to call' })
  const results = page.getByRole('listbox', { name: 'Matches' }).getByRole('option')
  await expect(results).toHaveCount(2)
  await expect(results.nth(0)).toContainText('+1 201 555 0142')
  await expect(results.nth(0)).toContainText('Number you just selected')
  await expect(results.nth(1)).toContainText('Number on the clipboard')

  await search.fill('201555')
  await expect(results).toHaveCount(3)
  await expect(results.nth(0)).toContainText('Number you just selected')
  await expect(results.nth(1)).toContainText('Call this number')
  await expect(results.nth(2)).toContainText('Number on the clipboard')

  await search.fill('')
  await expect(results).toHaveCount(2)
  await search.press('Enter')
  await expect
    .poll(async () => (await app.backend.getStatus()).calls.map((call) => call.target))
    .toEqual(['+12015550142'])
})
