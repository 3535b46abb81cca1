import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from './support/e2e-fixtures'

const CONTACT_COUNT = 3000

test('thousands of contacts: only the rows in view are rendered, End reaches the last one, search narrows at once', async ({
  page,
  open,
  phoneSystem,
  dataDirectory
}) => {
  const contacts = Array.from({ length: CONTACT_COUNT }, (_, index) => ({
    id: `contact-${index}`,
    name: `Person ${String(index).padStart(4, '0')}`,
    company: index % 2 ? 'Example Corp' : 'Acme',
    numbers: [{ label: 'work', number: `+1 201-555-${String(index).padStart(4, '0')}` }]
  }))
  // The contact store's file (contacts.json, version 1): seeding it directly keeps the test fast.
  await writeFile(path.join(dataDirectory, 'contacts.json'), JSON.stringify({ version: 1, contacts }))
  const app = await open({ account: { servers: [phoneSystem.address] } })
  expect(await app.backend.listContacts()).toHaveLength(CONTACT_COUNT)

  const list = page.getByRole('listbox', { name: 'Contacts' })
  await expect(page.getByText(`${CONTACT_COUNT} of ${CONTACT_COUNT}`)).toBeVisible()
  expect(await list.getByRole('option').count()).toBeLessThan(40)

  await list.focus()
  await list.press('End')
  await expect(list.getByRole('option', { name: /Person 2999/ })).toBeInViewport()
  await expect(list.getByRole('option', { name: /Person 2999/ })).toHaveAttribute(
    'aria-posinset',
    String(CONTACT_COUNT)
  )
  expect(await list.getByRole('option').count()).toBeLessThan(40)

  await page.keyboard.press('Control+f')
  await page.keyboard.type('555-1234')
  await expect(list.getByRole('option')).toHaveCount(1)
  await expect(list.getByRole('option')).toContainText('Person 1234')
})
