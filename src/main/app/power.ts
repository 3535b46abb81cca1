import type { PowerMonitor } from 'electron'

/** After sleep or a locked screen the connection is usually gone: reconnect and re-register. */
export function reconnectOnWake(powerMonitor: PowerMonitor, reconnect: () => void): void {
  powerMonitor.on('resume', reconnect)
  powerMonitor.on('unlock-screen', reconnect)
}
