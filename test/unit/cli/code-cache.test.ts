/**
 * The CLI's launcher (out/cli/deskdial.cjs, src/cli/code-cache.ts) runs the bundle from V8's code cache
 * kept beside it. Each test runs a copy of the built CLI in a folder of its own.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const BUILT = resolve(__dirname, '../../../out/cli')

let folder: string

function caches(): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.v8-cache'))
}

function runHelp(): string {
  return execFileSync(process.execPath, [join(folder, 'deskdial.cjs'), '--help'], { encoding: 'utf8', timeout: 30_000 })
}

beforeEach(() => {
  if (!existsSync(join(BUILT, 'deskdial-main.cjs')))
    throw new Error(`${BUILT} has no CLI: run "npm run build" first (npm test does).`)
  folder = mkdtempSync(join(tmpdir(), 'deskdial-cli-cache-'))
  for (const name of ['deskdial.cjs', 'deskdial-main.cjs']) copyFileSync(join(BUILT, name), join(folder, name))
})

afterEach(() => {
  rmSync(folder, { recursive: true, force: true })
})

describe("the CLI's code cache", () => {
  it('is written by the first run and used as it is by the next', () => {
    expect(caches()).toEqual([])
    expect(runHelp()).toContain('deskdial dial <number>')
    const [cache] = caches()
    expect(cache).toContain(process.version)
    const written = readFileSync(join(folder, cache))
    expect(runHelp()).toContain('deskdial dial <number>')
    expect(caches()).toEqual([cache])
    expect(readFileSync(join(folder, cache)).equals(written)).toBe(true)
  })

  it('grows when a later command runs code the first did not', () => {
    runHelp()
    const [cache] = caches()
    const afterHelp = readFileSync(join(folder, cache)).length
    // Nothing listens on loopback port 1: the REGISTER is refused at once and the CLI exits 3.
    const register = (): string => {
      try {
        return execFileSync(
          process.execPath,
          [
            join(folder, 'deskdial.cjs'),
            'register',
            '--server',
            '127.0.0.1:1',
            '--user',
            'u',
            '--line',
            '1001',
            '--timeout',
            '5'
          ],
          { encoding: 'utf8', stdio: 'pipe', timeout: 30_000 }
        )
      } catch (error) {
        return String((error as { stdout: string }).stdout)
      }
    }
    expect(register()).toContain('Registration: ')
    expect(readFileSync(join(folder, cache)).length).toBeGreaterThan(afterHelp * 1.1)
  })

  it('is replaced when V8 rejects it, and the CLI runs all the same', () => {
    runHelp()
    const [cache] = caches()
    // Larger than any real cache, so that only V8's rejection can explain its replacement.
    const garbage = Buffer.alloc(4_000_000, 'x')
    writeFileSync(join(folder, cache), garbage)
    expect(runHelp()).toContain('deskdial dial <number>')
    expect(readFileSync(join(folder, cache)).equals(garbage)).toBe(false)
  })

  it('leaves no cache of another build or Node version behind', () => {
    writeFileSync(join(folder, 'deskdial-main.v0.0.1.1.1.v8-cache'), 'old')
    runHelp()
    expect(caches()).toHaveLength(1)
    expect(caches()[0]).toContain(process.version)
  })
})
