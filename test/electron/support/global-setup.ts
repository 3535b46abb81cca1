/**
 * Before the optional Electron suite: it runs only where an Electron binary, a display and SIPp
 * are available, and otherwise skips every test with the reason printed here. It never downloads.
 */
import { isSippInstalled } from '../../e2e/support/phone-system'
import { findElectronBinary } from './electron-binary'

function missingPrerequisites(): string[] {
  const missing: string[] = []
  const electron = findElectronBinary()
  if (!electron.found) missing.push(electron.reason)
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    missing.push('no display: run it under `xvfb-run -a` (Debian: apt-get install xvfb).')
  if (!isSippInstalled()) missing.push('no SIPp (Debian: apt-get install sip-tester).')
  return missing
}

export default function globalSetup(): void {
  const missing = missingPrerequisites()
  if (missing.length === 0) return
  process.env.DESKDIAL_ELECTRON_SKIP = [
    "DeskDial's Electron suite is skipped:",
    ...missing.map((reason) => `  - ${reason}`)
  ].join('\n')
  console.log(process.env.DESKDIAL_ELECTRON_SKIP)
}
