import { isFinalCallState, type CallProgress } from '../../shared/call-progress'
import type { AccountSettings } from '../../shared/account-settings'
import type { LineStatus } from '../../shared/line-state'
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

/** Who DeskDial is on the phone system: the built-in demo phone system names itself, not its made-up account. */
function whoIs(account: AccountSettings, demo: boolean): string {
  if (demo) return 'demo phone system'
  return account.user ? `${account.user}@${account.domain ?? account.servers[0] ?? ''}` : 'no account set up'
}

/** The tray's icon and tooltip for the account (or the demo), the registration, the calls in progress and the desk phone's line. */
export function trayPresentation(
  account: AccountSettings,
  registration: RegistrationStatus,
  calls: readonly CallProgress[],
  demo = false,
  deskPhone?: LineStatus
): { icon: TrayIcon; tooltip: string } {
  const who = whoIs(account, demo)
  const live = calls.find((call) => !isFinalCallState(call.state))
  if (live) return { icon: 'call', tooltip: `DeskDial (${who}): calling ${live.target}` }
  if (deskPhone?.state === 'in-call') return { icon: 'call', tooltip: `DeskDial (${who}): on the phone` }
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

/**
 * The tray's tooltip from "Quit" until DeskDial has left the phone system: signing out, and
 * after a call that ended within `afterCallMs`, answering the phone system's last messages about it.
 */
export function quittingTooltip(calls: readonly CallProgress[], now: number, afterCallMs: number): string {
  const justEnded = calls.some((call) => isFinalCallState(call.state) && now - call.at < afterCallMs)
  return justEnded
    ? 'DeskDial is quitting: finishing the last call with the phone system…'
    : 'DeskDial is quitting: signing out of the phone system…'
}
