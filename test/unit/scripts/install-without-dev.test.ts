/**
 * What a packager runs on a clean clone: `npm ci --omit=dev`. The real command on a copy of the
 * project's package.json, lock, patches and scripts, offline from npm's cache (which the CI's own
 * `npm ci` fills): it must succeed without patch-package, and install every module the built main
 * process loads at runtime (out/main/index.js, made by `npm run build`).
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const MAIN = join(root, 'out/main/index.js')

let copy: string | undefined
afterEach(() => {
  if (copy) rmSync(copy, { recursive: true, force: true })
  copy = undefined
})

function npm(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env: { ...process.env, npm_config_update_notifier: 'false' } })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

it('npm ci --omit=dev installs on a clean copy, without patch-package, everything the built main requires', async () => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does).`)
  copy = mkdtempSync(join(tmpdir(), 'deskdial-omit-dev-'))
  for (const entry of ['package.json', 'package-lock.json', 'patches', 'scripts'])
    cpSync(join(root, entry), join(copy, entry), { recursive: true })

  const install = await npm(['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund'], copy)
  expect(install.code, install.output).toBe(0)
  expect(install.output).toContain('patches/ not applied: patch-package is a development dependency')
  expect(existsSync(join(copy, 'node_modules/patch-package'))).toBe(false)

  const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)])
  const required = [...readFileSync(MAIN, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)]
    .map((match) => match[1] ?? '')
    .filter((name) => !builtins.has(name) && name !== 'electron')
  expect(required).toContain('ldapts')
  const fromCopy = createRequire(join(copy, 'package.json'))
  const unresolved = required.filter((name) => {
    try {
      fromCopy.resolve(name)
      return false
    } catch {
      return true
    }
  })
  expect(unresolved).toEqual([])
}, 120_000)
