/**
 * Makes sure there is an Electron to run, then runs the command after it (if any) with
 * ELECTRON_EXEC_PATH set to that Electron: `node scripts/ensure-electron.mjs electron-vite preview`.
 *
 * Why: Electron 42+ has no postinstall. Its binary is downloaded on first use, and only then is
 * node_modules/electron/path.txt written, which electron-vite reads ("Electron uninstall" without
 * it). So after `npm ci`, `npm start` needs this step on every machine.
 *
 * Which Electron, in order:
 * 1. ELECTRON_EXEC_PATH, the executable (electron-vite's own variable), when set;
 * 2. ELECTRON_OVERRIDE_DIST_PATH, the folder of a local Electron build (honoured by the `electron`
 *    package and Playwright's Electron driver too: the one the README tells people to set);
 * 3. the copy in node_modules/electron/dist, downloaded here when missing with @electron/get, the
 *    way the package's own installer (node_modules/electron/install.js) does it: the same cache
 *    (electron_config_cache), mirror (ELECTRON_MIRROR), checksums (the package's checksums.json,
 *    or the release's SHASUMS256.txt with electron_use_remote_checksums) and progress bar.
 *
 * Plain Node, run from the project folder (npm's working directory). It never imports `electron`,
 * whose index.js would start a download of its own and end in a stack trace when it fails.
 * @electron/get is imported, not required, so this also runs on Node 20 releases without
 * require(esm).
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** A reason not to start, worded for the person who typed the command. */
class NoElectron extends Error {}

/** Where the executable sits in an Electron folder: what install.js records in path.txt. */
function executableInFolder() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  return process.platform === 'win32' ? 'electron.exe' : 'electron'
}

/** The project's `electron` package: its folder, version and a require rooted there (for its own dependencies). */
function electronPackage() {
  let manifest
  try {
    manifest = createRequire(path.resolve('package.json')).resolve('electron/package.json')
  } catch {
    throw new NoElectron(`The electron package is not installed in ${process.cwd()}: run \`npm ci\` there first.`)
  }
  return {
    folder: path.dirname(manifest),
    version: JSON.parse(readFileSync(manifest, 'utf8')).version,
    require: createRequire(manifest)
  }
}

/** The executable the person pointed us at, or undefined when they did not. */
function localElectron() {
  const executable = process.env.ELECTRON_EXEC_PATH
  if (executable) {
    if (existsSync(executable)) return executable
    throw new NoElectron(
      `ELECTRON_EXEC_PATH is ${executable}, which does not exist: point it at an Electron executable, or unset it to use ELECTRON_OVERRIDE_DIST_PATH or the download.`
    )
  }
  const folder = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!folder) return undefined
  const inFolder = path.join(folder, executableInFolder())
  if (existsSync(inFolder)) return inFolder
  throw new NoElectron(
    `ELECTRON_OVERRIDE_DIST_PATH is ${folder}, which has no ${executableInFolder()}: point it at the folder of an Electron build (the one that holds ${executableInFolder()}).`
  )
}

/** The downloaded executable in node_modules/electron/dist, if path.txt names one that is there. */
function downloadedElectron(electron) {
  const recorded = path.join(electron.folder, 'path.txt')
  if (!existsSync(recorded)) return undefined
  const executable = path.join(electron.folder, 'dist', readFileSync(recorded, 'utf8'))
  return existsSync(executable) ? executable : undefined
}

/** What went wrong in a download, briefly: fetch hides the network error in `cause`. */
function reasonOf(error) {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  if (!(cause instanceof Error)) return String(cause)
  return cause.message || cause.code || cause.name
}

/** The command to repeat, as the person typed it (npm names the script it runs). */
function thisCommand() {
  const script = process.env.npm_lifecycle_event
  if (!script) return 'this command'
  return script === 'start' || script === 'test' ? `\`npm ${script}\`` : `\`npm run ${script}\``
}

function cannotDownload(electron, error) {
  return new NoElectron(
    `Electron ${electron.version} could not be downloaded (${reasonOf(error)}): connect to the internet and run ${thisCommand()} again, ` +
      `or set ELECTRON_OVERRIDE_DIST_PATH to the folder of a local Electron ${electron.version.split('.')[0]} build (the one that holds ${executableInFolder()}).`
  )
}

/** Downloads the release zip (cached), unpacks it into node_modules/electron/dist and writes path.txt, as install.js does. */
async function download(electron) {
  const { downloadArtifact } = await import(pathToFileURL(electron.require.resolve('@electron/get')).href)
  const remoteChecksums =
    process.env.electron_use_remote_checksums || process.env.npm_config_electron_use_remote_checksums
  console.log(
    `Downloading Electron ${electron.version} for ${process.platform}-${process.arch} (once, about 100 MB; a progress bar follows if it takes a while)…`
  )
  let zip
  try {
    zip = await downloadArtifact({
      version: electron.version,
      artifactName: 'electron',
      platform: process.platform,
      arch: process.arch,
      force: process.env.force_no_cache === 'true',
      cacheRoot: process.env.electron_config_cache,
      checksums: remoteChecksums ? undefined : electron.require('./checksums.json')
    })
  } catch (error) {
    throw cannotDownload(electron, error)
  }
  const dist = path.join(electron.folder, 'dist')
  try {
    const { extract } = await import(pathToFileURL(electron.require.resolve('@electron-internal/extract-zip')).href)
    await extract(zip, { dir: dist })
    await writeFile(path.join(electron.folder, 'path.txt'), executableInFolder())
  } catch (error) {
    throw new NoElectron(
      `Electron ${electron.version} was downloaded to ${zip} but could not be unpacked into ${dist} (${reasonOf(error)}): check that the folder is writable and run ${thisCommand()} again.`
    )
  }
  const executable = path.join(dist, executableInFolder())
  console.log(`Electron ${electron.version} is ready: ${executable}`)
  return executable
}

async function ensureElectron() {
  const local = localElectron()
  if (local) return local
  const electron = electronPackage()
  return downloadedElectron(electron) ?? (await download(electron))
}

/** Runs the command with ELECTRON_EXEC_PATH set, passes on Ctrl+C and stops, and exits as it exits. */
function run([command, ...args], electronExecutable) {
  const child = spawn(command, args, {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: electronExecutable },
    // npm's .bin entries are .cmd files on Windows, which only a shell can start.
    shell: process.platform === 'win32'
  })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('error', (error) => {
    console.error(`Could not run ${command} (${error.message}): run \`npm ci\` and try again.`)
    process.exit(1)
  })
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

try {
  const executable = await ensureElectron()
  if (process.argv.length > 2) run(process.argv.slice(2), executable)
} catch (error) {
  if (!(error instanceof NoElectron)) throw error
  console.error(error.message)
  process.exitCode = 1
}
