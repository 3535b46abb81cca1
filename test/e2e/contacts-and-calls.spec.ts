import { recordCallStates, recordedCallStates } from './support/call-state-recorder'
import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

test('add a contact, find it by digits, call it with Enter, watch it connect, redial it from the history, clear the history', async ({
  page,
  open,
  phoneSystem
}) => {
  const app = await open({ account: { servers: [phoneSystem.address] }, password: 'secret' })
  await expect(page.getByTestId('registration-status')).toHaveText('Registered as 1001 at 127.0.0.1')

  await page.keyboard.press('Control+n')
  const editor = page.getByRole('dialog', { name: 'New contact' })
  await editor.getByLabel('Name').fill('Alice Archer')
  await editor.getByLabel('Company (optional)').fill('Example Corp')
  await editor.getByLabel('Number 1', { exact: true }).fill('+1 201-555-0123')
  await editor.getByRole('button', { name: 'Add another number' }).click()
  await editor.getByLabel('Label of number 2').selectOption('mobile')
  await editor.getByLabel('Number 2', { exact: true }).fill('+1 917-555-0188')
  await editor.getByRole('button', { name: 'Save contact' }).click()
  await expect(editor).toBeHidden()

  const search = page.getByRole('combobox', { name: 'Search contacts' })
  await search.fill('201 555')
  const list = page.getByRole('listbox', { name: 'Contacts' })
  await expect(list.getByRole('option')).toHaveCount(1)
  await expect(list.getByRole('option').first()).toContainText('Alice Archer')
  await expect(
    page.getByRole('complementary', { name: 'Details of Alice Archer' }).getByRole('button', { name: /mobile/i })
  ).toContainText('+1 917-555-0188')
  await screenshotBothThemes(page, 'contacts')

  await recordCallStates(page)
  await search.press('Enter')
  const card = page.getByRole('listitem', { name: 'Call to Alice Archer' })
  await expect(card).toContainText('Ringing your desk phone — pick it up')
  await expect(card).toHaveAttribute('data-state', 'connected')
  await expect(card).toContainText('Connected: talk on your desk phone')
  await expect(page.getByTestId('call-announcer')).toHaveText('Alice Archer: Connected: talk on your desk phone')
  expect(Object.values(await recordedCallStates(page))).toEqual([['requesting', 'trying', 'ringing', 'connected']])

  await page.keyboard.press('Control+1')
  await screenshotBothThemes(page, 'calls')
  await card.getByRole('button', { name: 'Dismiss the call to Alice Archer' }).click()
  await expect(card).toBeHidden()

  await page.keyboard.press('Control+3')
  const history = page.getByRole('listbox', { name: /Call history/ })
  await expect(history.getByRole('option')).toHaveCount(1)
  await expect(history.getByRole('option').first()).toContainText('Alice Archer')
  await expect(history.getByRole('option').first()).toContainText('Connected')
  await screenshotBothThemes(page, 'history')

  await page.getByRole('button', { name: 'Calls' }).focus()
  await page.keyboard.press('Control+f')
  await expect(page.getByRole('combobox', { name: 'Search history' })).toBeFocused()
  await page.keyboard.type('alice')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('listitem', { name: 'Call to Alice Archer' })).toHaveAttribute('data-state', 'connected')
  await expect(history.getByRole('option')).toHaveCount(2)

  await page.getByRole('button', { name: 'Clear history…' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Clear the call history?' })
  await expect(confirm).toContainText('All 2 calls will be removed')
  await confirm.getByRole('button', { name: 'Clear history' }).click()
  await expect(history).toContainText('No calls yet')
  expect(await app.backend.listHistory()).toEqual([])
})

test('F2 edits the selected contact; deleting asks first, and Cancel keeps it', async ({ page, open, phoneSystem }) => {
  await open({ account: { servers: [phoneSystem.address] } })
  await expect(page.getByRole('heading', { name: 'Contacts' })).toBeVisible()
  await page.keyboard.press('Control+n')
  const editor = page.getByRole('dialog', { name: 'New contact' })
  await editor.getByLabel('Name').fill('Bob Baker')
  await editor.getByLabel('Number 1', { exact: true }).fill('1002')
  await editor.getByRole('button', { name: 'Save contact' }).click()

  const list = page.getByRole('listbox', { name: 'Contacts' })
  await list.getByRole('option', { name: /Bob Baker/ }).click()
  await list.press('F2')
  const edit = page.getByRole('dialog', { name: 'Edit Bob Baker' })
  await expect(edit.getByLabel('Name')).toBeFocused()
  await edit.getByLabel('Name').fill('Bob Builder')
  await edit.getByLabel('Name').press('Enter')
  await expect(edit).toBeHidden()
  await expect(list.getByRole('option', { name: /Bob Builder/ })).toBeVisible()
  await expect(list.getByRole('option')).toHaveCount(1)

  await list.press('Delete')
  const confirm = page.getByRole('alertdialog', { name: 'Delete Bob Builder?' })
  await expect(confirm).toContainText('This cannot be undone.')
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(confirm).toBeHidden()
  await expect(list.getByRole('option', { name: /Bob Builder/ })).toBeVisible()

  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  await confirm.getByRole('button', { name: 'Delete contact' }).click()
  await expect(list.getByRole('option')).toHaveCount(0)
  await expect(list).toContainText('No contacts yet')
})

test('a contact without a name is refused with the reason next to the field', async ({ page, open, phoneSystem }) => {
  await open({ account: { servers: [phoneSystem.address] } })
  await page.getByRole('button', { name: 'New contact' }).click()
  const editor = page.getByRole('dialog', { name: 'New contact' })
  await editor.getByLabel('Number 1', { exact: true }).fill('1002')
  await editor.getByRole('button', { name: 'Save contact' }).click()
  await expect(editor.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true')
  await expect(editor.getByRole('alert')).toHaveText('Enter a name for the contact.')
})
