/**
 * The CLI's launcher (out/cli/deskdial.cjs, src/cli/code-cache.ts) runs the bundle from V8's code cache
 * kept beside it, one cache per command, and loads the commands' chunks (out/cli/chunks) the same way
 * when they are used. Each test runs a copy of the built CLI in a folder of its own.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const BUILT = resolve(__dirname, '../../../out/cli')

let folder: string

function caches(subfolder = ''): string[] {
  return readdirSync(join(folder, subfolder)).filter((name) => name.endsWith('.v8-cache'))
}

function run(...args: string[]): string {
  return execFileSync(process.execPath, [join(folder, 'deskdial.cjs'), ...args], { encoding: 'utf8', timeout: 30_000 })
}
const runHelp = () => run('--help')

beforeEach(() => {
  if (!existsSync(join(BUILT, 'deskdial-main.cjs')))
    throw new Error(`${BUILT} has no CLI: run "npm run build" first (npm test does).`)
  folder = mkdtempSync(join(tmpdir(), 'deskdial-cli-cache-'))
  cpSync(BUILT, folder, { recursive: true, filter: (source) => !source.endsWith('.v8-cache') })
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

  it('is kept per command, so that a command finds the code it runs and never writes its cache again', () => {
    runHelp()
    const [help] = caches()
    const afterHelp = readFileSync(join(folder, help))
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
    const registerCache = caches().find((name) => name.startsWith('deskdial-main.register.'))
    expect(caches()).toEqual([help, registerCache].sort())
    expect(readFileSync(join(folder, registerCache ?? '')).length).toBeGreaterThan(afterHelp.length * 1.1)
    const written = readFileSync(join(folder, registerCache ?? ''))
    expect(register()).toContain('Registration: ')
    expect(runHelp()).toContain('deskdial dial <number>')
    expect(readFileSync(join(folder, registerCache ?? '')).equals(written)).toBe(true)
    expect(readFileSync(join(folder, help)).equals(afterHelp)).toBe(true)
  })

  it('loads the contact files, the directory and the demo only for their commands, from caches of their own', () => {
    runHelp()
    // --help runs the bundle and the chunks it shares with the commands (the settings schemas), but
    // none of the commands' own code: the contact files, the directory, the demo, whoami.
    const onDemand = /^(contacts-commands|contact-store|search-command|directory|demo-commands|whoami-command)-/
    expect(caches('chunks').filter((name) => onDemand.test(name))).toEqual([])
    expect(caches('chunks').every((name) => name.includes('.help.'))).toBe(true)
    expect(readFileSync(join(folder, 'deskdial-main.cjs'), 'utf8')).not.toContain('BEGIN:VCARD')
    expect(run('contacts', '--help')).toContain('deskdial contacts import')
    expect(caches('chunks').some((name) => name.startsWith('contacts-commands-'))).toBe(true)
    expect(
      caches('chunks')
        .filter((name) => onDemand.test(name))
        .every((name) => name.includes('.contacts.'))
    ).toBe(true)
    expect(run('contacts', '--help')).toContain('deskdial contacts import')
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
    writeFileSync(join(folder, 'deskdial-main.help.v0.0.1.1.1.v8-cache'), 'old')
    writeFileSync(join(folder, 'deskdial-main.register.v0.0.1.1.1.v8-cache'), 'old')
    runHelp()
    expect(caches()).toHaveLength(1)
    expect(caches()[0]).toContain(`.help.${process.version}.`)
  })
})
