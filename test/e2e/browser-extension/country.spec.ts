/**
 * Whose country a number without a country code belongs to: DeskDial's, once it answers. The
 * browser here speaks en-US, so German national numbers are marked only after DeskDial (its
 * stand-in) has said that the desk phone is in Germany; marking.spec.ts checks the same page with
 * the browser's country.
 */
import { expect, expectMarked, test } from './support/extension-fixtures'

test.use({ deskDialCountry: 'DE' })

test('German national numbers are read with DeskDial’s country, not the browser’s', async ({
  page,
  pagesUrl,
  deskDial
}) => {
  await page.goto(`${pagesUrl}/german.html`)
  await expectMarked(page, ['030 901820', '(030) 9018-2199'])
  expect(deskDial.statusRequests).toBeGreaterThan(0)
})
