/**
 * The launcher the app installs runs the CLI built with the app with the Node.js on the PATH; when
 * either is missing, installing says what to do.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appLauncher, nodeOnPath } from '../../../src/main/browser-host/app-launcher'

let folder: string
let cli: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-launcher-'))
  cli = join(folder, 'deskdial.cjs')
  await writeFile(cli, '')
})

afterEach(() => rm(folder, { recursive: true, force: true }))

describe('the app launcher', () => {
  it('runs the CLI with the first Node.js on the PATH that may be run', async () => {
    const node = join(folder, 'node')
    await writeFile(node, '#!/bin/sh\n')
    await chmod(node, 0o644)
    const env = { PATH: [join(folder, 'none'), folder].join(delimiter) }
    expect(nodeOnPath(env, 'linux')).toBeUndefined()
    await chmod(node, 0o755)
    expect(appLauncher(cli, env, 'linux')).toEqual({ node, cli })
  })

  it('says to install Node.js when none is on the PATH, and to reinstall when the CLI is missing', () => {
    expect(() => appLauncher(cli, { PATH: join(folder, 'none') }, 'linux')).toThrow(
      /no Node.js .* is on the PATH. Install Node.js./
    )
    expect(() => appLauncher(join(folder, 'gone.cjs'), { PATH: '' }, 'linux')).toThrow(
      `its command-line tool is missing (${join(folder, 'gone.cjs')}). Reinstall DeskDial.`
    )
  })
})
