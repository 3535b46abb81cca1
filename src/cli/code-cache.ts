/**
 * `out/cli/deskdial.cjs`: starts the CLI (`deskdial-main.cjs`, built from deskdial.ts) from V8's code
 * cache, as Node 22's `module.enableCompileCache()` does for modules. The first run compiles the bundle
 * and, as it exits, saves the compiled code beside it; later runs start from that instead of compiling
 * half a megabyte of JavaScript again, which is most of what DeskDial adds to Node's own start
 * (docs/benchmarks.md, (c)). The cache is named after the bundle's size and modification time and the
 * Node version, so a rebuilt bundle or another Node never runs from an old one; a cache that is missing,
 * rejected by V8 or cannot be written only costs the compile.
 */
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { Script } from 'node:vm'

const CACHE_SUFFIX = '.v8-cache'
const GROWTH_WORTH_SAVING = 1.01

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/**
 * Saves what this run compiled when there was no usable cache or when this run compiled clearly more
 * than the cache held (another command, e.g. `register` after a first `--help`): the size of the same
 * code varies by a few bytes from run to run. Removes the caches of older builds.
 */
function saveCache(script: Script, file: string, loaded: Buffer | undefined): void {
  const data = script.createCachedData()
  if (loaded !== undefined && !script.cachedDataRejected && data.length <= loaded.length * GROWTH_WORTH_SAVING) return
  try {
    const partial = `${file}.${process.pid}`
    writeFileSync(partial, data)
    renameSync(partial, file)
    for (const name of readdirSync(__dirname)) {
      if (name.endsWith(CACHE_SUFFIX) && join(__dirname, name) !== file) unlinkSync(join(__dirname, name))
    }
  } catch {
    // A folder DeskDial may not write to (an installed app): every run compiles, nothing else changes.
  }
}

const bundle = join(__dirname, 'deskdial-main.cjs')
const source = readFileSync(bundle, 'utf8')
const { size, mtimeMs } = statSync(bundle)
const cacheFile = join(__dirname, `deskdial-main.${process.version}.${size}.${Math.trunc(mtimeMs)}${CACHE_SUFFIX}`)
const loaded = readCache(cacheFile)
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData: loaded
})
process.once('exit', () => saveCache(script, cacheFile, loaded))
const mainModule = { exports: {} }
script.runInThisContext()(mainModule.exports, createRequire(bundle), mainModule, bundle, __dirname)
