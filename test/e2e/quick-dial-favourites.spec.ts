import { reloadDeskDial } from './support/deskdial-app'
import { expect, test } from './support/e2e-fixtures'

test.use({ viewport: { width: 560, height: 380 } })

test('a starred contact ranks first in quick dial and heads the contact list, and stays starred', async ({
  page,
  open,
  phoneSystem
}) => {
  const app = await open({ account: { servers: [phoneSystem.address] }, hash: '#quick-dial' })
  for (const [name, number] of [
    ['Anna Alpha', '+1 201-555-0101'],
    ['Anna Beta', '+1 201-555-0102']
  ])
    await app.backend.saveContact({ name, numbers: [{ label: 'work', number }] })
  await reloadDeskDial(page)

  const search = page.getByRole('combobox', { name: 'Name or number to call' })
  const results = page.getByRole('listbox', { name: 'Matches' }).getByRole('option')
  await search.fill('anna')
  await expect(results).toHaveText([/Anna Alpha/, /Anna Beta/])
  await expect(results.first().locator('mark')).toHaveText('Anna')
  await expect(results.first()).toContainText('Contacts')

  await search.press('ArrowDown')
  await search.press('Control+d')
  await expect(results).toHaveText([/Anna Beta/, /Anna Alpha/])
  await expect(results.first().getByRole('button', { name: 'Favourite: Anna Beta' })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  await search.press('Enter')
  await expect
    .poll(async () => (await app.backend.getStatus()).calls.map((call) => call.target))
    .toEqual(['+1 201-555-0102'])

  // The star is kept (favourites.json) and the main window's contact list shows the favourite first.
  await page.goto(page.url().replace('#quick-dial', ''))
  const list = page.getByRole('listbox', { name: 'Contacts' })
  await expect(list.getByRole('option')).toHaveText([/Anna Beta/, /Anna Alpha/])
  const star = list.getByRole('button', { name: 'Favourite: Anna Alpha' })
  await star.focus()
  await page.keyboard.press('Space')
  await expect(star).toHaveAttribute('aria-pressed', 'true')
  expect(await app.backend.listFavourites()).toHaveLength(2)
})
