/**
 * Before the end-to-end suite: Chromium and SIPp must be installed (on CI their absence fails
 * the run instead of skipping it), and the renderer is built so the tests drive what ships.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { CHROMIUM_PATH } from './chromium'
import { isSippInstalled } from './phone-system'

function missingTools(): string[] {
  const missing: string[] = []
  if (!existsSync(CHROMIUM_PATH)) missing.push(`Chromium (${CHROMIUM_PATH}; apt-get install chromium)`)
  if (!isSippInstalled()) missing.push('SIPp (apt-get install sip-tester)')
  return missing
}

export default function globalSetup(): void {
  const missing = missingTools()
  if (missing.length > 0) {
    const message = `The end-to-end suite needs ${missing.join(' and ')}.`
    if (process.env.CI) throw new Error(message)
    process.env.DESKDIAL_E2E_SKIP = message
    return
  }
  // The app's own build (electron.vite.config.ts) writes out/renderer, which the tests serve.
  execFileSync(
    process.execPath,
    [path.resolve('node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
    { stdio: 'inherit' }
  )
}
