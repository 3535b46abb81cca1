/**
 * Records every state a call card shows, in order, from inside the page: states that last only
 * a fraction of a second are caught too, so a test can assert the whole progression.
 */
import type { Page } from '@playwright/test'

/** The little of the DOM the recorder uses (this file is type-checked without the DOM library). */
interface PageGlobals {
  document: {
    body: object
    querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>
  }
  MutationObserver: new (callback: () => void) => { observe(target: object, options: object): void }
  __callStates?: Record<string, string[]>
}

export async function recordCallStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as PageGlobals
    const states: Record<string, string[]> = {}
    scope.__callStates = states
    const collect = () => {
      for (const card of scope.document.querySelectorAll('[data-call-id]')) {
        const seen = (states[card.getAttribute('data-call-id') ?? ''] ??= [])
        const state = card.getAttribute('data-state') ?? ''
        if (seen[seen.length - 1] !== state) seen.push(state)
      }
    }
    new scope.MutationObserver(collect).observe(scope.document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state']
    })
    collect()
  })
}

/** The states each call card showed since `recordCallStates`, by call id. */
export async function recordedCallStates(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__callStates ?? {})
}
