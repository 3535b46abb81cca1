/**
 * Finds an Electron executable without resolving the `electron` package, whose index.js would try
 * to download one: ELECTRON_OVERRIDE_DIST_PATH (a local Electron build) first, else the copy the
 * package downloads into node_modules/electron/dist on a first `npm start` with internet access.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

const ELECTRON_PACKAGE = path.resolve('node_modules/electron')

/** Where the executable sits inside a dist directory: recorded in path.txt by the download, else the platform's usual place. */
function executableInDist(): string {
  const recorded = path.join(ELECTRON_PACKAGE, 'path.txt')
  if (existsSync(recorded)) return readFileSync(recorded, 'utf8').trim()
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  return process.platform === 'win32' ? 'electron.exe' : 'electron'
}

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string }

export function findElectronBinary(): ElectronBinary {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const executable = path.join(override ?? path.join(ELECTRON_PACKAGE, 'dist'), executableInDist())
  if (existsSync(executable)) return { found: true, path: executable }
  return {
    found: false,
    reason: override
      ? `ELECTRON_OVERRIDE_DIST_PATH is ${override}, which has no ${executableInDist()}.`
      : `no Electron binary at ${executable}: set ELECTRON_OVERRIDE_DIST_PATH to an Electron build, or run \`npm start\` once with internet access to download one.`
  }
}
