/**
 * DeskDial as the browser extension sees it (through the relay): its state for the popup, and the
 * numbers the user clicks on web pages, which are dialled like trusted links (see
 * {@link LinkInbox.handleClick}) and shown with the site they came from.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'
import type { BrowserDialOutcome, BrowserStatus } from '../../shared/browser-messages'
import type { BrowserDialTarget } from '../browser-relay/browser-dial-target'
import { browserRelayAddress } from '../browser-relay/relay-address'
import { BrowserRelay } from '../browser-relay/relay-server'
import type { BackendLog } from './backend-log'
import type { DeskAppBackend, LinkOutcome } from './desk-app-backend'

type Backend = Pick<DeskAppBackend, 'getStatus' | 'settings' | 'handleBrowserClick'>

export function browserDialTarget(backend: Backend): BrowserDialTarget {
  return {
    async status(): Promise<BrowserStatus> {
      const { registration, calls } = await backend.getStatus()
      const status: BrowserStatus = {
        registration: { state: registration.state, reason: registration.reason },
        country: backend.settings.dialPlan.country
      }
      const last = calls.at(-1)
      if (last) status.lastCall = { target: last.target, state: last.state, reason: last.reason, from: last.from }
      return status
    },
    async dial(shown: string, origin: string): Promise<BrowserDialOutcome> {
      const parsed = parsePhoneNumberFromString(shown, backend.settings.dialPlan.country as CountryCode)
      const number = parsed?.isPossible() ? parsed.number : shown
      const outcome = await backend.handleBrowserClick({
        number,
        extension: parsed?.ext,
        shown,
        from: siteOf(origin)
      })
      return describe(outcome, shown)
    }
  }
}

/** "crm.example.com" for "https://crm.example.com"; the origin as given when it is not a URL (e.g. "null"). */
function siteOf(origin: string): string {
  try {
    return new URL(origin).host || origin
  } catch {
    return origin
  }
}

function describe(outcome: LinkOutcome, shown: string): BrowserDialOutcome {
  switch (outcome.kind) {
    case 'dialled':
      return outcome.result.ok
        ? { outcome: 'dialled', message: `Calling ${shown}: pick up your desk phone when it rings.` }
        : { outcome: 'refused', message: outcome.result.error }
    case 'pending':
      return {
        outcome: 'asked',
        message: `DeskDial asks before calling ${shown}${outcome.link.askedBecause ? ` because ${outcome.link.askedBecause}` : ''}: answer in DeskDial’s window.`
      }
    case 'blocked':
      return {
        outcome: 'refused',
        message: 'DeskDial is waiting for your answer about another number: answer it in DeskDial’s window first.'
      }
    case 'refused':
      return { outcome: 'refused', message: outcome.error }
  }
}

/** Opens the browser extension's way in (see {@link BrowserRelay}); a failure is logged, and the app runs on without it. */
export async function startBrowserRelay(
  dataDirectory: string,
  backend: Backend,
  log: BackendLog
): Promise<BrowserRelay | undefined> {
  const relay = new BrowserRelay({
    address: browserRelayAddress(dataDirectory),
    target: browserDialTarget(backend),
    log
  })
  try {
    await relay.start()
    return relay
  } catch (error) {
    log('warn', `The browser extension cannot reach DeskDial: ${(error as Error).message}`)
    return undefined
  }
}
