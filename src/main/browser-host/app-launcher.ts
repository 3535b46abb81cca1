/**
 * What the host's launcher runs when the app installs it (Settings → Browser): the same CLI as
 * `deskdial browser-host`, built beside the app (`out/cli/deskdial.cjs`; in the installed app
 * `resources/cli/deskdial.cjs`). The installed app's Electron cannot run as Node (its `runAsNode`
 * fuse is off, so pages' scripts can never start a Node), so the launcher runs the CLI with the
 * Node.js on the PATH.
 */
import { accessSync, constants, existsSync } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The first `node` (`node.exe` on Windows) on the PATH that may be run. */
export function nodeOnPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const name = platform === 'win32' ? 'node.exe' : 'node'
  const folders = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean)
  for (const folder of folders) {
    const file = join(folder, name)
    try {
      accessSync(file, constants.X_OK)
      return file
    } catch {
      // not here: the next folder
    }
  }
  return undefined
}

/** The launcher's Node and CLI, or an error saying what to do when either is missing. */
export function appLauncher(cli: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform) {
  if (!existsSync(cli)) {
    throw new Error(`its command-line tool is missing (${cli}). Reinstall DeskDial.`)
  }
  const node = nodeOnPath(env, platform)
  if (node === undefined) {
    throw new Error(
      'the connection runs DeskDial’s command-line tool with Node.js, and no Node.js (20 or later) is on the PATH. Install Node.js.'
    )
  }
  return { node, cli }
}
