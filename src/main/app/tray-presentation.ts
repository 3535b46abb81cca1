import { isFinalCallState, type CallProgress } from '../../shared/call-progress'
import type { AccountSettings } from '../../shared/account-settings'
import type { RegistrationStatus } from '../../shared/registration-status'

/** One icon per state the user cares about, named after `resources/tray-<icon>.png`. */
export type TrayIcon = 'registered' | 'connecting' | 'failed' | 'call' | 'idle'

export const TRAY_ICONS: readonly TrayIcon[] = ['registered', 'connecting', 'failed', 'call', 'idle']

const STATE_WORDS: Record<RegistrationStatus['state'], string> = {
  disabled: 'ready (registration off)',
  unregistered: 'not connected',
  registering: 'connecting…',
  registered: 'ready',
  failed: 'not connected',
  retrying: 'reconnecting…'
}

/** The tray's icon and tooltip for the registration and the calls in progress. */
export function trayPresentation(
  account: AccountSettings,
  registration: RegistrationStatus,
  calls: readonly CallProgress[]
): { icon: TrayIcon; tooltip: string } {
  const who = account.user ? `${account.user}@${account.domain ?? account.servers[0] ?? ''}` : 'no account set up'
  const live = calls.find((call) => !isFinalCallState(call.state))
  if (live) return { icon: 'call', tooltip: `DeskDial (${who}): calling ${live.target}` }
  const icon: TrayIcon =
    registration.state === 'registered' || registration.state === 'disabled'
      ? 'registered'
      : registration.state === 'registering' || registration.state === 'retrying'
        ? 'connecting'
        : registration.state === 'failed'
          ? 'failed'
          : 'idle'
  const problem = registration.state === 'failed' ? ` – ${registration.reason}` : ''
  return { icon, tooltip: `DeskDial (${who}): ${STATE_WORDS[registration.state]}${problem}` }
}
