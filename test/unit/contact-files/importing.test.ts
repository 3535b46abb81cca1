/**
 * Importing into the contacts file: a preview writes nothing, a second import of the same file adds
 * nothing, an entry with a known name and a new number adds the number to that contact, and what
 * DeskDial exports (vCard 3.0 and CSV) imports into an empty store as the same contacts.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportContacts, importContacts, readContactFile } from '../../../src/main/contact-files'
import { FileContactStore } from '../../../src/main/contacts/contact-store'
import type { Contact } from '../../../src/shared/contact'

const FIXTURES = join(import.meta.dirname, '../../fixtures/contact-files')

let directory: string
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-contact-files-'))
})
afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

const fixture = (file: string) => readContactFile(file, readFileSync(join(FIXTURES, file)))
const withoutIds = (contacts: Contact[]) => contacts.map(({ id: _id, ...fields }) => fields)

describe('importing', () => {
  it('previews without writing, then imports; the same file again adds nothing', async () => {
    const store = new FileContactStore({ directory })
    const preview = await importContacts(store, fixture('icloud-3.0.vcf'), { write: false, country: 'US' })
    expect(preview).toMatchObject({ ok: true, written: false, counts: { added: 3, merged: 0, duplicates: 0 } })
    await expect(stat(join(directory, 'contacts.json'))).rejects.toThrow()
    expect(await store.list()).toEqual([])

    const first = await importContacts(store, fixture('icloud-3.0.vcf'), { write: true, country: 'US' })
    expect(first).toMatchObject({ ok: true, written: true, counts: { added: 3, merged: 0, duplicates: 0 } })
    const afterFirst = await readFile(join(directory, 'contacts.json'), 'utf8')
    expect((await store.list()).map((contact) => contact.name)).toEqual([
      'Alice Archer',
      'Bartholomew Christopherson-Vandermeer',
      'Pizza Roma'
    ])

    const second = await importContacts(store, fixture('icloud-3.0.vcf'), { write: true, country: 'US' })
    expect(second).toMatchObject({ ok: true, counts: { added: 0, merged: 0, duplicates: 3, skipped: 0 } })
    expect(await readFile(join(directory, 'contacts.json'), 'utf8')).toBe(afterFirst)
  })

  it('adds the new numbers of a contact with the same name to it, and fills details it lacks', async () => {
    const store = new FileContactStore({ directory })
    await store.save({ name: 'alice  archer', numbers: [{ label: 'work', number: '+1 201 555 0123' }] })
    const report = await importContacts(store, fixture('icloud-3.0.vcf'), { write: true, country: 'US' })
    expect(report).toMatchObject({
      ok: true,
      counts: { added: 2, merged: 1, duplicates: 0 },
      merged: [
        {
          line: 1,
          name: 'alice  archer',
          numbers: [
            { label: 'mobile', number: '+1 (917) 555-0188' },
            { label: 'home', number: '+1 (201) 555-0177' },
            { label: 'other', number: '+1 (201) 555-0155' }
          ]
        }
      ]
    })
    const alice = (await store.list()).find((contact) => contact.name === 'alice  archer')
    expect(alice).toMatchObject({ company: 'Example Corp', department: 'Sales', email: 'alice@example.com' })
    expect(alice?.numbers.map((entry) => entry.number)).toEqual([
      '+1 201 555 0123',
      '+1 (917) 555-0188',
      '+1 (201) 555-0177',
      '+1 (201) 555-0155'
    ])
  })

  it("compares numbers as phone numbers in the user's country: one number written two ways is a duplicate", async () => {
    const csv = (number: string) => Buffer.from(`First Name,Last Name,Business Phone\r\nAlice,Archer,${number}\r\n`)
    const store = new FileContactStore({ directory })
    await store.save({ name: 'Alice Archer', numbers: [{ label: 'work', number: '+1 201 555 0123' }] })
    const national = readContactFile('alice.csv', csv('(201) 555-0123'))
    expect(await importContacts(store, national, { write: true, country: 'US' })).toMatchObject({
      ok: true,
      counts: { added: 0, merged: 0, duplicates: 1 },
      duplicates: [{ line: 2, name: 'Alice Archer' }]
    })
    const international = readContactFile('alice.csv', csv('001 201-555-0123'))
    expect(await importContacts(store, international, { write: false, country: 'DE' })).toMatchObject({
      counts: { duplicates: 1 }
    })
    // From Germany "(201) 555-0123" is a number in Essen, not the American one.
    expect(await importContacts(store, national, { write: false, country: 'DE' })).toMatchObject({
      counts: { merged: 1, duplicates: 0 }
    })
    expect((await store.list())[0]?.numbers).toEqual([{ label: 'work', number: '+1 201 555 0123' }])

    const twice = Buffer.from(
      'First Name,Last Name,Business Phone,Business Phone 2\r\nAlice,Archer,+1 201 555 0199,(201) 555-0199\r\n'
    )
    expect(
      await importContacts(store, readContactFile('twice.csv', twice), { write: false, country: 'US' })
    ).toMatchObject({
      merged: [{ name: 'Alice Archer', numbers: [{ label: 'work', number: '+1 201 555 0199' }] }]
    })
  })

  it('keeps a merged contact within the allowed numbers and says what was left out', async () => {
    const store = new FileContactStore({ directory })
    const numbers = Array.from({ length: 9 }, (_, index) => ({
      label: 'work' as const,
      number: `+1 201 555 020${index}`
    }))
    await store.save({ name: 'Alice Archer', numbers })
    const report = await importContacts(store, fixture('icloud-3.0.vcf'), { write: true, country: 'US' })
    expect(report).toMatchObject({
      ok: true,
      counts: { merged: 1 },
      notes: [
        {
          line: 1,
          name: 'Alice Archer',
          note: "Alice Archer has room for 10 numbers: 3 of this entry's new numbers were left out."
        },
        { line: 18, name: 'Bartholomew Christopherson-Vandermeer', note: 'Left out its fax number.' }
      ]
    })
    expect((await store.list()).find((contact) => contact.name === 'Alice Archer')?.numbers).toHaveLength(10)
  })

  it('lists every skipped entry of a broken file and imports the rest', async () => {
    const store = new FileContactStore({ directory })
    const report = await importContacts(store, fixture('broken.vcf'), { write: true, country: 'US' })
    expect(report).toMatchObject({ ok: true, counts: { added: 3, skipped: 5 } })
    expect((await store.list()).map((contact) => contact.name)).toEqual([
      'Many Numbers',
      'Survives Garbage',
      'Valid One'
    ])
  })
})

describe('exporting', () => {
  it.each(['vcard', 'csv'] as const)(
    '%s: what DeskDial exports imports into an empty store as the same contacts',
    async (format) => {
      const source = new FileContactStore({ directory: join(directory, 'source') })
      for (const file of ['outlook-2.1-windows-1252.vcf', 'icloud-3.0.vcf', 'google.csv', 'outlook-en-utf8-bom.csv'])
        await importContacts(source, fixture(file), { write: true, country: 'US' })
      await source.save({
        name: 'Semi; Colon, "Quoted"\\Back',
        company: 'Line, Break; Corp',
        numbers: [{ label: 'other', number: '+1 201 555 0999' }]
      })
      const contacts = await source.list()
      expect(contacts.length).toBeGreaterThan(8)

      const file = exportContacts(contacts, format)
      expect(file.count).toBe(contacts.length)
      const target = new FileContactStore({ directory: join(directory, 'target') })
      const reading = readContactFile(file.fileName, Buffer.from(file.text, 'utf8'))
      const report = await importContacts(target, reading, { write: true, country: 'US' })
      expect(report).toMatchObject({ ok: true, counts: { added: contacts.length, skipped: 0 } })
      expect(withoutIds(await target.list())).toEqual(withoutIds(contacts))
    }
  )

  it('writes vCard 3.0 with folded lines of at most 75 octets and escaped text', () => {
    const text = exportContacts(
      [
        {
          id: 'c1',
          name: 'Bartholomew Christopherson-Vandermeer',
          company: 'Vandermeer & Associates, Attorneys at Law; Estates and Trusts Department Östliche Zweigstelle',
          numbers: [{ label: 'mobile', number: '+1 212 555 0142' }]
        }
      ],
      'vcard'
    ).text
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bartholomew Christopherson-Vandermeer\r\n')).toBe(true)
    expect(text).toContain('N:Christopherson-Vandermeer;Bartholomew;;;\r\n')
    expect(text).toContain('TEL;TYPE=CELL,VOICE:+1 212 555 0142\r\n')
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    expect(text.replace(/\r\n /g, '')).toContain(
      'ORG:Vandermeer & Associates\\, Attorneys at Law\\; Estates and Trusts Department Östliche Zweigstelle\r\n'
    )
  })
})
