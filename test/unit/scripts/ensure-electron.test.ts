/**
 * `npm start` on a fresh clone, where node_modules/electron has no binary yet (Electron 42+ has no
 * postinstall): the real `npm start` of package.json, in a copy of the project whose
 * node_modules/electron is a fresh copy of the package, with the download pointed at loopback:
 * a closed port (no network) or a mirror serving a release-shaped zip (a network). The real
 * node_modules/electron is never written to nor required.
 */
import { spawn } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  EXECUTABLE_IN_RELEASE,
  releaseZipName,
  STAND_IN_GREETING,
  startElectronReleaseMirror,
  unreachableMirror,
  type ElectronReleaseMirror
} from '../../support/electron-release-mirror'

const root = join(__dirname, '../../..')
const ELECTRON_VERSION: string = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')
).version
const PRINT_ELECTRON = [
  'node',
  'scripts/ensure-electron.mjs',
  'node',
  '-e',
  'console.log(process.env.ELECTRON_EXEC_PATH)'
]
const NEVER_LONGER_THAN_MS = 120_000

const cleanUp: (() => unknown)[] = []
afterEach(async () => {
  for (const step of cleanUp.splice(0).reverse()) await step()
})

function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix))
  cleanUp.push(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}

async function mirror(): Promise<ElectronReleaseMirror> {
  const started = await startElectronReleaseMirror(ELECTRON_VERSION)
  cleanUp.push(() => started.close())
  return started
}

/** This project as a fresh clone sees it after `npm ci`: everything shared but node_modules/electron, which is a fresh copy without its binary. */
function freshClone(): string {
  const project = temporaryFolder('deskdial-fresh-clone-')
  cpSync(join(root, 'package.json'), join(project, 'package.json'))
  for (const entry of [
    'scripts',
    'src',
    'resources',
    'electron.vite.config.ts',
    'tsconfig.json',
    'tsconfig.node.json',
    'tsconfig.web.json'
  ]) {
    symlinkSync(join(root, entry), join(project, entry))
  }
  mkdirSync(join(project, 'node_modules'))
  for (const entry of readdirSync(join(root, 'node_modules')).filter((name) => name !== 'electron')) {
    symlinkSync(join(root, 'node_modules', entry), join(project, 'node_modules', entry))
  }
  const electron = join(root, 'node_modules/electron')
  const whatTheDownloadWrites = ['dist', 'path.txt', 'node_modules']
  cpSync(electron, join(project, 'node_modules/electron'), {
    recursive: true,
    filter: (source) => !whatTheDownloadWrites.includes(relative(electron, source))
  })
  return project
}

interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command in the project with the download settings given (and none from this machine), stopping it by its process group if it hangs. */
function run(project: string, [command, ...args]: string[], settings: Record<string, string>): Promise<Finished> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_config_|npm_package_config_)?electron_/i.test(name))
  )
  const child = spawn(command, args, { cwd: project, env: { ...env, ...settings }, detached: true })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const hung = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), NEVER_LONGER_THAN_MS)
  return new Promise((finished) =>
    child.on('close', (code) => {
      clearTimeout(hung)
      finished({ code, stdout, stderr })
    })
  )
}

/**
 * Download from `mirrorUrl` into an empty cache; an empty npm user config, so that no electron_mirror
 * of this machine's ~/.npmrc comes first, and no weekly "new npm version" notice after the output.
 */
function downloadSettings(mirrorUrl: string): Record<string, string> {
  const settings = temporaryFolder('deskdial-download-settings-')
  writeFileSync(join(settings, 'npmrc'), '')
  return {
    ELECTRON_MIRROR: mirrorUrl,
    electron_config_cache: join(settings, 'cache'),
    npm_config_userconfig: join(settings, 'npmrc'),
    npm_config_update_notifier: 'false'
  }
}

describe('npm start where Electron cannot be downloaded', () => {
  it('ends with one sentence that names ELECTRON_OVERRIDE_DIST_PATH, and exits non-zero', async () => {
    const project = freshClone()
    const finished = await run(project, ['npm', 'start'], downloadSettings(await unreachableMirror()))

    expect(finished.code).toBe(1)
    expect(finished.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Electron ${ELECTRON_VERSION} could not be downloaded \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\): connect to the internet and run \`npm start\` again, ` +
            `or set ELECTRON_OVERRIDE_DIST_PATH to the folder of a local Electron ${ELECTRON_VERSION.split('.')[0]} build \\(the one that holds ${EXECUTABLE_IN_RELEASE}\\)\\.$`
        )
      )
    ])
    expect(finished.stdout + finished.stderr).not.toContain('Electron uninstall')
    expect(existsSync(join(project, 'node_modules/electron/path.txt'))).toBe(false)
  })

  it('refuses a download that does not match the checksums the electron package ships', async () => {
    const project = freshClone()
    const releases = await mirror()
    const finished = await run(project, ['npm', 'start'], downloadSettings(releases.url))

    expect(releases.requests).toEqual([`/v${ELECTRON_VERSION}/${releaseZipName(ELECTRON_VERSION)}`])
    expect(finished.code).toBe(1)
    expect(finished.stderr.trim()).toMatch(
      new RegExp(
        `^Electron ${ELECTRON_VERSION} could not be downloaded \\(.*did not match.*\\): .*ELECTRON_OVERRIDE_DIST_PATH`
      )
    )
    expect(existsSync(join(project, 'node_modules/electron/path.txt'))).toBe(false)
  })
})

describe.skipIf(process.platform === 'win32')(
  'npm start where Electron can be downloaded (a shell script stands in for Electron)',
  () => {
    it(
      'downloads and unpacks Electron into node_modules/electron, writes path.txt, builds and starts the app in it, and downloads only once',
      async () => {
        const project = freshClone()
        const releases = await mirror()
        const settings = { ...downloadSettings(releases.url), electron_use_remote_checksums: '1' }
        const started = await run(project, ['npm', 'start'], settings)

        expect(started.stderr).not.toContain('Electron uninstall')
        expect(started.code).toBe(0)
        expect(started.stdout).toContain(`Downloading Electron ${ELECTRON_VERSION}`)
        expect(releases.requests).toEqual([
          `/v${ELECTRON_VERSION}/${releaseZipName(ELECTRON_VERSION)}`,
          `/v${ELECTRON_VERSION}/SHASUMS256.txt`
        ])
        expect(readFileSync(join(project, 'node_modules/electron/path.txt'), 'utf8')).toBe(EXECUTABLE_IN_RELEASE)
        expect(existsSync(join(project, 'out/main/index.js'))).toBe(true)
        expect(started.stdout).toContain(`${STAND_IN_GREETING} .`)

        const again = await run(project, PRINT_ELECTRON, downloadSettings(await unreachableMirror()))
        expect(again).toMatchObject({
          code: 0,
          stdout: `${join(project, 'node_modules/electron/dist', EXECUTABLE_IN_RELEASE)}\n`
        })
        expect(releases.requests).toHaveLength(2)
      },
      NEVER_LONGER_THAN_MS
    )
  }
)

describe.skipIf(process.platform === 'win32')('a local Electron in ELECTRON_OVERRIDE_DIST_PATH', () => {
  it('is the Electron the command runs with, and nothing is downloaded', async () => {
    const project = freshClone()
    const releases = await mirror()
    const local = temporaryFolder('deskdial-local-electron-')
    mkdirSync(join(local, EXECUTABLE_IN_RELEASE, '..'), { recursive: true })
    writeFileSync(join(local, EXECUTABLE_IN_RELEASE), '#!/bin/sh\n')
    chmodSync(join(local, EXECUTABLE_IN_RELEASE), 0o755)
    const finished = await run(project, PRINT_ELECTRON, {
      ...downloadSettings(releases.url),
      ELECTRON_OVERRIDE_DIST_PATH: local
    })

    expect(finished).toMatchObject({ code: 0, stdout: `${join(local, EXECUTABLE_IN_RELEASE)}\n` })
    expect(releases.requests).toEqual([])
  })

  it('without an Electron in that folder: says so in one sentence, downloads nothing, exits non-zero', async () => {
    const project = freshClone()
    const releases = await mirror()
    const empty = temporaryFolder('deskdial-not-electron-')
    const finished = await run(project, PRINT_ELECTRON, {
      ...downloadSettings(releases.url),
      ELECTRON_OVERRIDE_DIST_PATH: empty
    })

    expect(finished.code).toBe(1)
    expect(finished.stdout).toBe('')
    expect(finished.stderr).toBe(
      `ELECTRON_OVERRIDE_DIST_PATH is ${empty}, which has no ${EXECUTABLE_IN_RELEASE}: point it at the folder of an Electron build (the one that holds ${EXECUTABLE_IN_RELEASE}).\n`
    )
    expect(releases.requests).toEqual([])
  })
})
