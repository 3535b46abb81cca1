/**
 * The only fake in the end-to-end tests: the IPC hop. `window.deskdial` gets the same shape the
 * real preload exposes (one method per command, plus `on`), and every call goes through
 * Playwright's exposeFunction to the real backend running in this Node process.
 */
import type { Page } from '@playwright/test'
import { dispatchCommand } from '../../../src/main/backend/command-dispatcher'
import {
  COMMAND_NAMES,
  type DeskDialCommands,
  type DeskDialEventName,
  type DeskDialEvents
} from '../../../src/shared/ipc-contract'

/** What the stand-in adds to the page's global scope (this file is type-checked without the DOM library). */
interface BridgeScope {
  __deskdialInvoke(name: string, args: unknown[]): Promise<unknown>
  __deskdialEmit(event: string, payload: unknown): void
}

export type EventSink = <E extends DeskDialEventName>(event: E, payload: DeskDialEvents[E]) => void

/** Installs the bridge before the page's scripts run; returns the sink that pushes events into the page. */
export async function installPreloadStandIn(page: Page, commands: DeskDialCommands): Promise<EventSink> {
  // The same dispatcher as the app's IPC handlers: unknown commands and misshapen arguments are refused alike.
  await page.exposeFunction('__deskdialInvoke', (name: string, args: unknown[]) =>
    dispatchCommand(commands, name, args)
  )
  await page.addInitScript((names: readonly string[]) => {
    const scope = globalThis as unknown as BridgeScope
    const listeners = new Map<string, Set<(payload: unknown) => void>>()
    const api: Record<string, unknown> = {
      on(event: string, listener: (payload: unknown) => void) {
        const set = listeners.get(event) ?? new Set()
        set.add(listener)
        listeners.set(event, set)
        return () => set.delete(listener)
      }
    }
    for (const name of names) api[name] = (...args: unknown[]) => scope.__deskdialInvoke(name, args)
    Object.defineProperty(scope, 'deskdial', { value: Object.freeze(api) })
    Object.defineProperty(scope, '__deskdialEmit', {
      value: (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload))
    })
  }, COMMAND_NAMES)

  return (event, payload) => {
    // A page that is navigating or closed drops the event, as a destroyed webContents would.
    page
      .evaluate(([name, value]) => (globalThis as unknown as BridgeScope).__deskdialEmit(name, value), [
        event,
        payload
      ] as [string, unknown])
      .catch(() => undefined)
  }
}
