/**
 * What the extension marks on real kinds of pages, read from the page's own `CSS.highlights`,
 * and that the page itself (its DOM, text and layout) is left exactly as it was.
 */
import { bodyBeforeAndNow, expect, expectMarked, markedTexts, setSitesOff, test } from './support/extension-fixtures'

test('a CRM table: the phone and mobile columns, not dates, amounts or order numbers', async ({ page, pagesUrl }) => {
  await page.goto(`${pagesUrl}/crm.html`)
  await expectMarked(page, ['(201) 555-0123', '+1 415-555-0134', '212.555.0147', '646 555 0111', '+44 20 7946 0958'])
  const { before, now } = await bodyBeforeAndNow(page)
  expect(now).toEqual(before)
})

test('a staff directory in many national formats, with an extension kept', async ({ page, pagesUrl }) => {
  await page.goto(`${pagesUrl}/directory.html`)
  await expectMarked(page, [
    '+49 30 901820',
    '+33 1 42 68 53 00',
    '+44 20 7946 0958',
    '+39 06 6982 4321',
    '+81 3-3224-5000',
    '+61 2 9374 4000',
    '+34 912 345 678',
    '+41 44 668 18 00',
    '+31 20 624 1111',
    '+46 8 506 290 00',
    '+1 (212) 555-0147',
    '+1 201-555-0123 ext. 12'
  ])
  const { before, now } = await bodyBeforeAndNow(page)
  expect(now).toEqual(before)
})

test('a webmail thread: numbers in the text, the signature and the quote, not the times or tracking', async ({
  page,
  pagesUrl
}) => {
  await page.goto(`${pagesUrl}/webmail.html`)
  await expectMarked(page, ['(800) 555-0199', '+1 415-555-0134', '646 555 0111'])
  const { before, now } = await bodyBeforeAndNow(page)
  expect(now).toEqual(before)
})

test('an invoice full of look-alikes: only the phone number', async ({ page, pagesUrl }) => {
  await page.goto(`${pagesUrl}/invoice.html`)
  await expectMarked(page, ['(201) 555-0123'])
  const { before, now } = await bodyBeforeAndNow(page)
  expect(now).toEqual(before)
})

test('a form: nothing in inputs, textareas, selects, editable text, code, links or buttons', async ({
  page,
  pagesUrl
}) => {
  await page.goto(`${pagesUrl}/form.html`)
  await expectMarked(page, ['(201) 555-0123', '212.555.0147'])
  const { before, now } = await bodyBeforeAndNow(page)
  expect(now).toEqual(before)
})

test('open shadow roots, nested, are marked too', async ({ page, pagesUrl }) => {
  await page.goto(`${pagesUrl}/shadow.html`)
  await expectMarked(page, ['(201) 555-0123', '212.555.0147', '+44 20 7946 0958'], { anyOrder: true })
  const { before, now } = await bodyBeforeAndNow(page)
  expect(now).toEqual(before)
})

test('content added and re-rendered later is marked, and what left the page is unmarked', async ({
  page,
  pagesUrl
}) => {
  await page.goto(`${pagesUrl}/late.html`)
  await expectMarked(page, ['(201) 555-0123'])
  await expect
    .poll(() => markedTexts(page), { timeout: 2_000 })
    .toEqual(['(201) 555-0123', '212.555.0147', '646 555 0111'])
  await expect
    .poll(() => markedTexts(page), { timeout: 2_000 })
    .toEqual(['(800) 555-0199', '212.555.0147', '+1 415-555-0134'])
})

test('every frame: a child page and an inline srcdoc frame', async ({ page, pagesUrl }) => {
  await page.goto(`${pagesUrl}/frames.html`)
  await expectMarked(page, ['(201) 555-0123'])
  await expectMarked(page.frame({ url: /frame-child/ })!, ['212.555.0147'])
  const inline = page.frames().find((frame) => frame.url() === 'about:srcdoc')!
  await expectMarked(inline, ['646 555 0111'])
})

test('turning marking off for the site clears the marks, and on marks again', async ({
  page,
  pagesUrl,
  extensionContext
}) => {
  await page.goto(`${pagesUrl}/invoice.html`)
  await expectMarked(page, ['(201) 555-0123'])
  const [worker] = extensionContext.serviceWorkers()
  await setSitesOff(worker!, [pagesUrl])
  await expectMarked(page, [])
  await setSitesOff(worker!, [])
  await expectMarked(page, ['(201) 555-0123'])
})

test('without DeskDial’s country, national numbers are read with the browser’s (en-US here)', async ({
  page,
  pagesUrl
}) => {
  await page.goto(`${pagesUrl}/german.html`)
  await page.waitForTimeout(1_000)
  await expectMarked(page, [])
})
