/**
 * `deskdial contacts import|export`, run from the built CLI (out/cli/deskdial.cjs, made by
 * `npm run build`) on a data directory of its own (DESKDIAL_USER_DATA).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

const CLI = resolve(import.meta.dirname, '../../../out/cli/deskdial.cjs')
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/contact-files')

let userData: string
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'deskdial-contacts-cli-'))
})
afterEach(() => rmSync(userData, { recursive: true, force: true }))

function contacts(...args: string[]) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  const run = spawnSync(process.execPath, [CLI, 'contacts', ...args], {
    env: { PATH: process.env.PATH, DESKDIAL_USER_DATA: userData },
    encoding: 'utf8',
    timeout: 30_000
  })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

const storedNames = () =>
  (JSON.parse(readFileSync(join(userData, 'contacts.json'), 'utf8')) as { contacts: { name: string }[] }).contacts.map(
    (contact) => contact.name
  )

describe('deskdial contacts', () => {
  it('--dry-run prints what it would import and writes nothing', () => {
    const run = contacts('import', join(FIXTURES, 'outlook-de-windows-1252.csv'), '--dry-run')
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout.split('\n')).toEqual([
      'Would import Jürgen Müller (line 2): work +49 (201) 555-0123, mobile +49 170 5550199',
      'Would import Renée Weiß (line 3): home 0201 5550177, other 0201 5550178',
      'Dry run: 2 added, 0 merged, 0 duplicate(s), 0 skipped; nothing was written.',
      ''
    ])
    expect(existsSync(join(userData, 'contacts.json'))).toBe(false)
  })

  it('imports, prints each contact and each skipped entry with its reason; a second import adds nothing', () => {
    const first = contacts('import', join(FIXTURES, 'broken.csv'))
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('Imported Valid Row (line 2): work +1 201 555 0001\n')
    expect(first.stdout).toContain('Skipped line 3: A quote opened on this line is never closed.\n')
    expect(first.stdout).toContain(
      `Done: 2 added, 0 merged, 0 duplicate(s), 4 skipped, in ${userData}/contacts.json.\n`
    )
    expect(storedNames()).toEqual(['After The Breakage', 'Valid Row'])

    const again = contacts('import', join(FIXTURES, 'broken.csv'), '--json')
    expect(again.code).toBe(0)
    const events = again.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string })
    expect(events.filter((event) => event.event === 'duplicate')).toHaveLength(2)
    expect(events.at(-1)).toEqual({
      event: 'done',
      written: true,
      counts: { added: 0, merged: 0, duplicates: 2, skipped: 4 },
      contactsFile: `${userData}/contacts.json`
    })
    expect(storedNames()).toEqual(['After The Breakage', 'Valid Row'])
  })

  it('takes a mapping as JSON and exports what it imported, in the format of the extension', () => {
    const file = join(userData, 'list.csv')
    const source = join(FIXTURES, 'outlook-en-utf8-bom.csv')
    expect(contacts('import', source, '--mapping', '{"firstName":"First Name","mobile":"Mobile Phone"}').code).toBe(0)
    expect(storedNames()).toEqual(['Alice'])
    const exported = contacts('export', file)
    expect(exported.stdout).toBe(`Exported 1 contact(s) to ${file} as CSV.\n`)
    expect(readFileSync(file, 'utf8')).toContain('Alice,,,,,,Mobile,+1 (917) 555-0188\r\n')
  })

  it('exits 2 on bad usage and 1 when the file cannot be read', () => {
    expect(contacts('import').code).toBe(2)
    expect(contacts('--help').code).toBe(0)
    const unknown = contacts('import', join(FIXTURES, 'broken.csv'), '--mapping', 'thunderbird')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('The mapping must be outlook or google or a JSON object')
    expect(contacts('export', join(userData, 'contacts.txt')).code).toBe(2)
    expect(contacts('import', join(FIXTURES, 'broken.csv'), '--mapping', '{"name":"Nom","work":"Tel"}').code).toBe(2)
    const missing = contacts('import', join(userData, 'missing.vcf'), '--json')
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout)).toMatchObject({ event: 'error', exitCode: 1 })
    expect(existsSync(join(userData, 'contacts.json'))).toBe(false)
  })

  it("compares numbers in the dial plan country of --config, else of the app's settings, else the default (US)", () => {
    const csv = (name: string, number: string) => {
      const file = join(userData, name)
      writeFileSync(file, `First Name,Last Name,Mobile Phone\r\nBob,Baker,${number}\r\n`)
      return file
    }
    expect(contacts('import', csv('first.csv', '+1 415 555 0142')).code).toBe(0)
    const national = csv('national.csv', '(415) 555-0142')
    expect(contacts('import', national, '--dry-run').stdout).toContain('0 merged, 1 duplicate(s)')

    const germany = join(userData, 'germany.json')
    writeFileSync(germany, JSON.stringify({ dialPlan: { country: 'de' } }))
    expect(contacts('import', national, '--dry-run', '--config', germany).stdout).toContain('1 merged, 0 duplicate(s)')
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({ version: 3, settings: { dialPlan: { country: 'DE' } } })
    )
    expect(contacts('import', national, '--dry-run').stdout).toContain('1 merged, 0 duplicate(s)')

    writeFileSync(germany, JSON.stringify({ dialPlan: { country: 'Germany' } }))
    const wrong = contacts('import', national, '--config', germany)
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toContain(
      `The dial plan country in ${germany} is "Germany": set it to a country code such as US, DE or GB.`
    )
  })

  it('reads a file in the --encoding named, and refuses an encoding it does not know', () => {
    const file = join(userData, 'czech.csv')
    // "Jiří Dvořák" in Windows-1250, which would read as Windows-1252 "Jiøí Dvoøák".
    const name = [0x4a, 0x69, 0xf8, 0xed, 0x2c, 0x44, 0x76, 0x6f, 0xf8, 0xe1, 0x6b]
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('First Name,Last Name,Mobile Phone\r\n'),
        Buffer.from(name),
        Buffer.from(',+420 601 555 010\r\n')
      ])
    )
    expect(contacts('import', file, '--encoding', 'windows-1250').code).toBe(0)
    expect(storedNames()).toEqual(['Jiří Dvořák'])
    const unknown = contacts('import', file, '--encoding', 'koi8-r')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('--encoding must be utf-8, windows-1252, windows-1250, not "koi8-r".')
  })
})
