import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

const FIXTURES = path.resolve('test/fixtures/contact-files')

test("import German Outlook's CSV through the dialog (preset found, columns shown), see the contacts; a second import adds nothing; export them as vCard", async ({
  page,
  open,
  phoneSystem
}) => {
  const app = await open({ account: { servers: [phoneSystem.address] } })

  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import contacts' })
  await dialog
    .getByLabel('Contacts file (vCard .vcf or CSV .csv, up to 10 MB)')
    .setInputFiles(path.join(FIXTURES, 'outlook-de-windows-1252.csv'))
  await expect(dialog.getByLabel('The file comes from')).toHaveValue('outlook')
  await expect(dialog.getByLabel('First name')).toHaveValue(JSON.stringify(['Vorname']))
  await expect(dialog.getByLabel('Work number').locator('option:checked')).toHaveText(
    'Telefon geschäftlich + Telefon geschäftlich 2 + Telefon Firma'
  )
  await screenshotBothThemes(page, 'contact-import-columns')
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await expect(dialog.getByRole('status').first()).toHaveText('This file would add 2 new contacts.')
  await expect(dialog.getByRole('region', { name: 'Contacts to add' })).toContainText('Jürgen Müller')
  await screenshotBothThemes(page, 'contact-import-preview')
  expect(await app.backend.listContacts()).toEqual([])

  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status').first()).toHaveText('Imported 2 new contacts.')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(dialog).toBeHidden()
  const list = page.getByRole('listbox', { name: 'Contacts' })
  await expect(list.getByRole('option')).toHaveCount(2)
  await expect(list.getByRole('option').first()).toContainText('Jürgen Müller')
  await expect(list.getByRole('option').nth(1)).toContainText('Renée Weiß')

  await page.getByRole('button', { name: 'Import…' }).click()
  await dialog
    .getByLabel('Contacts file (vCard .vcf or CSV .csv, up to 10 MB)')
    .setInputFiles(path.join(FIXTURES, 'outlook-de-windows-1252.csv'))
  await dialog.getByRole('button', { name: 'Preview' }).click()
  await expect(dialog.getByRole('status').first()).toHaveText(
    'This file would add 0 new contacts; 2 entries are already in your contacts.'
  )
  await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await page.getByRole('button', { name: 'Export…' }).click()
  const exporting = page.getByRole('dialog', { name: 'Export contacts' })
  const download = page.waitForEvent('download')
  await exporting.getByRole('button', { name: 'vCard (.vcf)' }).click()
  const saved = await download
  expect(saved.suggestedFilename()).toBe('deskdial-contacts.vcf')
  const text = await readFile(await saved.path(), 'utf8')
  expect(text).toContain('FN:Jürgen Müller\r\n')
  expect(text).toContain('TEL;TYPE=CELL,VOICE:+49 170 5550199\r\n')
  await expect(exporting.getByRole('status')).toHaveText('Saved 2 contacts as deskdial-contacts.vcf.')
})

test('a CSV of unknown columns: choose them in the dialog, see the skipped line and its reason, import', async ({
  page,
  open,
  phoneSystem
}) => {
  await open({ account: { servers: [phoneSystem.address] } })
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import contacts' })
  await dialog.getByLabel('Contacts file (vCard .vcf or CSV .csv, up to 10 MB)').setInputFiles({
    name: 'phone-list.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Wer;Durchwahl\n"Berg, Anna";030 555 01\nOhne Nummer;\n')
  })
  await expect(dialog.getByLabel('The file comes from')).toHaveValue('custom')
  await expect(dialog.getByRole('alert')).toContainText('Choose the columns that hold the name and the numbers')
  await dialog.getByLabel('Full name').selectOption({ label: 'Wer' })
  await dialog.getByLabel('Work number').selectOption({ label: 'Durchwahl' })
  await dialog.getByLabel('Other number').focus()
  await page.keyboard.press('Tab')
  await expect(dialog.getByRole('button', { name: 'Preview' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('region', { name: 'Skipped entries' })).toHaveText(
    'SkippedLine 3 (Ohne Nummer): It has no phone number.'
  )
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status').first()).toHaveText('Imported 1 new contact; 1 entry skipped.')
  await dialog.getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('listbox', { name: 'Contacts' }).getByRole('option')).toHaveText([/Berg, Anna/])
})
