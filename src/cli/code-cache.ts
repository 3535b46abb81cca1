/**
 * `out/cli/deskdial.cjs`: starts the CLI (`deskdial-main.cjs`, built from deskdial.ts) from V8's code
 * cache, as Node 22's `module.enableCompileCache()` does for modules. The first run of a command
 * compiles the bundle and, as it exits, saves the compiled code beside it; later runs start from that
 * instead of compiling the JavaScript again, which is most of what DeskDial adds to Node's own start
 * (docs/benchmarks.md, (c)). The commands that `deskdial.ts` loads on demand (contacts, search, the
 * demo) are chunks in `assets/`, loaded the same way when the bundle requires them.
 *
 * Each command keeps its own cache, holding the code that command runs (`--help` runs little of
 * `register`'s), so a run that found its cache never spends time making a new one. A cache is named
 * after its file's size and modification time and the Node version, so a rebuilt bundle or another
 * Node never runs from an old one; a cache that is missing, rejected by V8 or cannot be written only
 * costs the compile.
 */
import { readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { Script } from 'node:vm'

const CACHE_SUFFIX = '.v8-cache'
const COMMANDS = ['dial', 'register', 'contacts', 'search', 'whoami', 'demo', 'demo-pbx']
const argument = process.argv[2] ?? ''
/** The command this run is for, as far as its cache is concerned: anything else only prints usage. */
const command = COMMANDS.includes(argument) ? argument : 'help'

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file)
  } catch {
    return undefined
  }
}

/** Saves what this run compiled of `file` and removes the caches of its older builds. */
function saveCache(script: Script, file: string, cacheFile: string, build: string): void {
  try {
    const partial = `${cacheFile}.${process.pid}`
    writeFileSync(partial, script.createCachedData())
    renameSync(partial, cacheFile)
    const name = basename(file).replace(/\.c?js$/, '')
    for (const other of readdirSync(dirname(file))) {
      if (other.startsWith(`${name}.`) && other.endsWith(CACHE_SUFFIX) && !other.endsWith(build))
        unlinkSync(join(dirname(file), other))
    }
  } catch {
    // A folder DeskDial may not write to (an installed app): every run compiles, nothing else changes.
  }
}

const loaded = createRequire(__filename).cache

/** Runs a file of the built CLI from its cache as CommonJS, once: its exports. */
function load(file: string): unknown {
  const known = loaded[file]
  if (known) return known.exports
  const source = readFileSync(file, 'utf8')
  const { size, mtimeMs } = statSync(file)
  const build = `.${process.version}.${size}.${Math.trunc(mtimeMs)}${CACHE_SUFFIX}`
  const cacheFile = `${file.replace(/\.c?js$/, '')}.${command}${build}`
  const cachedData = readCache(cacheFile)
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData
  })
  if (cachedData === undefined || script.cachedDataRejected)
    process.once('exit', () => saveCache(script, file, cacheFile, build))
  const module = new Module(file)
  module.filename = file
  loaded[file] = module
  script.runInThisContext()(module.exports, requireFrom(file), module, file, dirname(file))
  module.loaded = true
  return module.exports
}

/** `require` for a file of the built CLI: its chunks through `load`, everything else (Node's built-ins) as usual. */
function requireFrom(file: string): NodeJS.Require {
  const plain = createRequire(file)
  const chunk = (id: string) => (/^\.\.?\/.*\.c?js$/.test(id) ? load(resolve(dirname(file), id)) : plain(id))
  return Object.assign(chunk, {
    resolve: plain.resolve,
    cache: plain.cache,
    main: plain.main,
    extensions: plain.extensions
  })
}

load(join(__dirname, 'deskdial-main.cjs'))
