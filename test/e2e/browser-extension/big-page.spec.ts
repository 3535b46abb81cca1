/**
 * A big page: all 2,000 numbers of 5,000 rows are marked, and a change re-reads only what changed.
 * The timings (DOMContentLoaded to marked, the extension's long tasks, the page's timer lateness)
 * are measured and printed, not asserted: docs/benchmarks.md records them.
 */
import { BIG_PAGE_NUMBERS } from './support/big-page'
import { expect, markedTexts, test } from './support/extension-fixtures'

interface Measured {
  domContentLoaded: number
  load: number
  marked?: number
  maxTimerLateness: number
  longTasks: { start: number; duration: number }[]
}

test('a page of 5,000 rows: every one of its 2,000 numbers is marked', async ({ page, pagesUrl }, testInfo) => {
  await page.goto(`${pagesUrl}/big.html`)
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { perf: Measured }).perf.marked), { timeout: 20_000 })
    .toBeDefined()
  const perf = await page.evaluate(() => (globalThis as unknown as { perf: Measured }).perf)
  const marked = await markedTexts(page)
  expect(marked).toHaveLength(BIG_PAGE_NUMBERS)
  expect(marked.slice(0, 2)).toEqual(['(201) 555-1000', '(201) 555-1002'])

  const afterStart = perf.longTasks.filter((task) => task.start >= perf.domContentLoaded)
  const report = {
    markedAfterDomContentLoadedMs: Math.round(perf.marked! - perf.domContentLoaded),
    loadAfterDomContentLoadedMs: Math.round(perf.load - perf.domContentLoaded),
    longTasksAfterDomContentLoaded: afterStart.length,
    longestTaskAfterDomContentLoadedMs: Math.round(Math.max(0, ...afterStart.map((task) => task.duration))),
    pageTimerLatenessMs: Math.round(perf.maxTimerLateness)
  }
  testInfo.annotations.push({ type: 'big page', description: JSON.stringify(report) })
  console.log(`big page: ${JSON.stringify(report)}`)
})

test('after a change, only the changed row is read again', async ({ page, pagesUrl }) => {
  await page.goto(`${pagesUrl}/big.html`)
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { perf: Measured }).perf.marked), { timeout: 20_000 })
    .toBeDefined()
  // The marks' ranges are kept: a re-read of the whole page would replace every one of them.
  await page.evaluate(() => {
    const scope = globalThis as unknown as {
      CSS: { highlights: { get(name: string): Iterable<object> } }
      kept: Set<object>
      document: { querySelector(selector: string): { textContent: string } }
    }
    scope.kept = new Set(scope.CSS.highlights.get('deskdial'))
    scope.document.querySelector('tbody tr:nth-child(2) td:nth-child(2)').textContent = '(415) 555-0134'
  })
  await expect.poll(async () => (await markedTexts(page)).length).toBe(BIG_PAGE_NUMBERS + 1)
  const replaced = await page.evaluate(() => {
    const scope = globalThis as unknown as {
      CSS: { highlights: { get(name: string): Iterable<object> } }
      kept: Set<object>
    }
    return [...scope.CSS.highlights.get('deskdial')].filter((range) => !scope.kept.has(range)).length
  })
  expect(replaced).toBe(1)
})
