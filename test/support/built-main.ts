/**
 * Launching the built main process (out/main/index.js) under Node against the recording fake of
 * Electron: builds first when out/ is missing or older than src/, plays the OS up to `ready`, and
 * answers IPC commands as DeskDial's own renderer would send them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { RENDERER_ORIGIN } from '../../src/main/app/renderer-files'
import { commandChannel, type DeskDialCommandName } from '../../src/shared/ipc-contract'
import { installFakeElectron, type FakeElectron } from './fake-electron'

export const root = resolve(__dirname, '../..')
export const mainBundle = join(root, 'out/main/index.js')
export const rendererIndex = join(root, 'out/renderer/index.html')

function newestSource(directory: string): number {
  let newest = 0
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

function buildIfStale(): void {
  const outputs = [mainBundle, join(root, 'out/preload/index.js'), rendererIndex]
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0
  const sources = Math.max(
    ...['src', 'electron.vite.config.ts'].map((path) =>
      statSync(join(root, path)).isDirectory() ? newestSource(join(root, path)) : statSync(join(root, path)).mtimeMs
    )
  )
  if (built < sources)
    execFileSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
      cwd: root,
      stdio: 'pipe'
    })
}

export async function eventually<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const value = read()
    if (value !== undefined && value !== false) return value
    await new Promise((done) => setTimeout(done, 5))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

export interface LaunchedMain {
  electron: FakeElectron
  /** Puts back process.argv, the environment and the real module loader. */
  restore(): void
}

/**
 * Loads a fresh copy of the built main process with `args` on its command line, `env` added to its
 * environment and `userData` as Electron's data directory, makes Electron ready and waits until
 * the tray has its menu. `isPackaged` plays an installed app instead of a development run.
 */
export async function launchBuiltMain(
  userData: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
  { isPackaged = false } = {}
): Promise<LaunchedMain> {
  buildIfStale()
  const savedArgv = process.argv
  const savedEnv = { ...process.env }
  Object.assign(process.env, env)
  // Start at login writes (or removes) an XDG autostart entry on Linux: keep it in the temporary directory.
  process.env.XDG_CONFIG_HOME = join(userData, 'config')
  process.env.XDG_SESSION_TYPE = 'x11'
  const electron = installFakeElectron({ userData, appPath: root, isPackaged })
  const restore = () => {
    process.argv = savedArgv
    process.env = savedEnv
    electron.uninstall()
  }
  process.argv = [process.execPath, mainBundle, ...args]
  const load = createRequire(import.meta.url)
  delete load.cache[mainBundle]
  load(mainBundle)
  electron.app.emit('will-finish-launching')
  electron.app.markReady()
  await eventually(() => electron.trays[0]?.menu, 'the tray menu')
  return { electron, restore }
}

/** Calls the IPC handler for `command` as the main window's renderer does. */
export function callAsRenderer(electron: FakeElectron, command: DeskDialCommandName, ...args: unknown[]): unknown {
  const ours = { senderFrame: { url: `${RENDERER_ORIGIN}/index.html`, parent: null } }
  return electron.handlers.get(commandChannel(command))?.(ours, ...args)
}
