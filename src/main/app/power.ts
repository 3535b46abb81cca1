import type { Net, PowerMonitor } from 'electron'

/** After sleep or a locked screen the connection is usually gone: reconnect and re-register. */
export function reconnectOnWake(powerMonitor: PowerMonitor, reconnect: () => void): void {
  powerMonitor.on('resume', reconnect)
  powerMonitor.on('unlock-screen', reconnect)
}

/**
 * Electron has no network-change event in the main process: look at `net.isOnline()` now and
 * then, and reconnect when the computer comes back online (new Wi-Fi, VPN up, cable plugged in).
 */
export function reconnectWhenBackOnline(
  net: Pick<Net, 'isOnline'>,
  reconnect: () => void,
  intervalMs = 5_000
): () => void {
  let online = net.isOnline()
  const timer = setInterval(() => {
    const now = net.isOnline()
    if (now && !online) reconnect()
    online = now
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
