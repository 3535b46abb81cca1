/**
 * Contact files in Windows' code pages keep every character: Windows-1252 (0x80–0x9F too, where a
 * Latin-1 decoder loses ’ “ ” € Š Ž...), Windows-1250 told apart from it by the file's words or
 * named by a vCard's CHARSET or by the user, and bytes that are neither refused with a sentence.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readContactFile, type ContactFileReading } from '../../../src/main/contact-files'
import { csvTableInSlices } from '../../../src/main/contact-files/csv-table'
import { decodeContactFile } from '../../../src/main/contact-files/decode-text'
import { runToEnd } from '../../../src/main/settings/work-in-slices'

const FIXTURES = join(import.meta.dirname, '../../fixtures/contact-files')
const fixture = (file: string) => readFileSync(join(FIXTURES, file))

/** Every character Windows-1252 defines in 0x80–0x9F, in byte order. */
const WINDOWS_1252_80_9F = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'

/** Text as Windows-1250 bytes (ASCII and the few Czech letters these tests use). */
function windows1250(text: string): Buffer {
  const table: Record<string, number> = { ř: 0xf8, í: 0xed, á: 0xe1, ě: 0xec, ů: 0xf9, ž: 0x9e, č: 0xe8 }
  return Buffer.from([...text].map((char) => table[char] ?? char.charCodeAt(0)))
}

function read(file: string, bytes: Uint8Array = fixture(file), encoding?: 'windows-1250') {
  const reading = readContactFile(file, bytes, undefined, encoding)
  if (!reading.ok) throw new Error(reading.error)
  return reading
}
const contacts = (reading: Extract<ContactFileReading, { ok: true }>) => reading.entries.map((entry) => entry.contact)
const names = (reading: Extract<ContactFileReading, { ok: true }>) => contacts(reading).map((contact) => contact.name)

describe('Windows-1252', () => {
  it("keeps every character of 0x80–0x9F in an Outlook CSV's names, companies and notes", () => {
    const bytes = fixture('outlook-en-windows-1252.csv')
    for (const byte of [0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e])
      expect(bytes.includes(byte), `byte 0x${byte.toString(16)}`).toBe(true)
    for (let byte = 0x91; byte <= 0x9f; byte++) if (byte !== 0x9d) expect(bytes.includes(byte)).toBe(true)

    const reading = read('outlook-en-windows-1252.csv')
    expect(contacts(reading)).toEqual([
      {
        name: 'Seán O’Brien',
        company: 'O’Brien & Daughters – “The Corner Shop”',
        department: 'Sales',
        title: 'Manager',
        email: 'sean@example.ie',
        numbers: [
          { label: 'work', number: '+353 1 555 0142' },
          { label: 'mobile', number: '+353 87 555 0199' }
        ]
      },
      {
        name: 'Šárka Žáková',
        company: 'Škoda Export — Praha',
        department: 'Nákup',
        numbers: [{ label: 'work', number: '+420 2 5555 0123' }]
      },
      { name: 'Miloš Žižka', company: 'Žižka™ & Partner', numbers: [{ label: 'mobile', number: '+420 601 555 010' }] },
      {
        name: 'Chloé Lœvenbruck',
        company: 'Œuvre ‹Pâtisserie› † ‡',
        title: 'Pâtissière',
        numbers: [{ label: 'work', number: '+33 1 55 55 01 23' }]
      },
      {
        name: 'PHARMACIE DE L’HAŸ-LES-ROSES',
        company: 'PHARMACIE DE L’HAŸ-LES-ROSES',
        numbers: [{ label: 'work', number: '+33 1 55 55 01 99' }]
      }
    ])

    const decoded = decodeContactFile(bytes)
    if (!decoded.ok) throw new Error(decoded.error)
    expect(decoded.encoding).toBe('windows-1252')
    const table = runToEnd(csvTableInSlices(decoded.text))
    const notes = table.header.indexOf('Notes')
    expect(table.records.map((record) => record.fields[notes])).toEqual([
      'Calls after 10 • ‘urgent’ only…',
      'Prices in € ‚net‘ „incl.“ plus 2 ‰ fee',
      '',
      'ƒ/2.8 lens; the ˆ and ˜ keys',
      ''
    ])
    for (const char of WINDOWS_1252_80_9F) expect(decoded.text).toContain(char)
  })

  it('reads Western names as Windows-1252 even where Windows-1250 would also make letters of them', () => {
    const text = 'First Name,Last Name,Company,Mobile Phone\r\nSøren,Ørsted,Œuvre £ 5,+45 20 555 010\r\n'
    const more = 'Hélène,Muñoz,Kierkegård,+34 600 555 010\r\nMiloš,Žák,,+420 601 555 010\r\n'
    const bytes = Buffer.from(
      [...(text + more)].map((char) => ({ Œ: 0x8c, š: 0x9a, Ž: 0x8e })[char] ?? char.charCodeAt(0))
    )
    expect(names(read('western.csv', bytes))).toEqual(['Søren Ørsted', 'Hélène Muñoz', 'Miloš Žák'])
    expect(contacts(read('western.csv', bytes))[0]?.company).toBe('Œuvre £ 5')
  })
})

describe('Windows-1250', () => {
  it('finds a Czech and Polish Excel CSV to be Windows-1250 and reads ł ś ż ź ć ń ą ę č ř ů ť ľ ő ű', () => {
    const reading = read('excel-cz-pl-windows-1250.csv')
    expect(decodeContactFile(fixture('excel-cz-pl-windows-1250.csv'))).toMatchObject({ encoding: 'windows-1250' })
    expect(contacts(reading).map(({ name, company }) => [name, company])).toEqual([
      ['Łukasz Wałęsa', 'Zakłady Łódź Sp. z o.o.'],
      ['Małgorzata Świątek-Kaźmierczak', 'Żabka Gdańsk'],
      ['Jiří Dvořák', 'Hudba Dvořák s.r.o.'],
      ['Zdeněk Růžička', 'Železárny Třinec'],
      ['Ľubomír Šťastný', 'Ťahanovce Ďumbier'],
      ['Lőrinc Szőke-Fűzfa', undefined]
    ])
    expect(contacts(reading)[0]?.department).toBe('Sprzedaż')
  })

  it('reads Czech words whose letters both code pages know as Windows-1250 when they hold š or ž', () => {
    const bytes = windows1250(
      'First Name,Last Name,Mobile Phone\r\nJiří,Dvořák,+420 601 555 010\r\nZdeněk,Růžička,+420 602 555 020\r\n'
    )
    expect(names(read('czech.csv', bytes))).toEqual(['Jiří Dvořák', 'Zdeněk Růžička'])
  })

  it('takes the encoding the user names when the words alone do not tell', () => {
    const bytes = windows1250('First Name,Last Name,Mobile Phone\r\nJiří,Dvořák,+420 601 555 010\r\n')
    expect(names(read('czech.csv', bytes))).toEqual(['Jiøí Dvoøák'])
    expect(names(read('czech.csv', bytes, 'windows-1250'))).toEqual(['Jiří Dvořák'])
  })

  it("follows a vCard's CHARSET=Windows-1250 for the whole file", () => {
    expect(names(read('outlook-2.1-windows-1250.vcf'))).toEqual(['Jiří Dvořák', 'Petr Černý'])
  })
})

describe('quoted-printable vCard values', () => {
  it('decode in the CHARSET they name, Windows-1252 and Windows-1250 alike', () => {
    const reading = read('outlook-2.1-quoted-printable-windows-125x.vcf')
    expect(contacts(reading).map(({ name, company }) => [name, company])).toEqual([
      ['Seán O’Brien', 'O’Brien & Daughters – “The Corner Shop”'],
      ['Šárka Žáková', undefined],
      ['Łukasz Wałęsa', 'Zakłady Łódź']
    ])
  })
})

describe('bytes that are no Windows code page', () => {
  it('are refused with the line of the first such byte and what to do', () => {
    const bytes = Buffer.from('First Name,Last Name,Mobile Phone\r\nAnna,Nov\x81k,+420 601 555 010\r\n', 'latin1')
    const reading = readContactFile('contacts.csv', bytes)
    expect(reading).toEqual({
      ok: false,
      error:
        'contacts.csv cannot be read. The file is neither UTF-8, Windows-1252 nor Windows-1250: line 2 holds the byte 0x81, which Windows-1252 does not define. Save it again as UTF-8 (in Excel: "CSV UTF-8"; in Outlook: export vCards) and import that file.'
    })
  })

  it('are refused in the encoding the user named', () => {
    const reading = readContactFile('contacts.csv', Buffer.from([0x41, 0x0a, 0x8d]), undefined, 'windows-1252')
    expect(reading).toMatchObject({ ok: false, error: expect.stringContaining('line 2 holds the byte 0x8D') })
    expect(readContactFile('contacts.csv', Buffer.from([0x41, 0xe9]), undefined, 'utf-8')).toMatchObject({
      ok: false,
      error: expect.stringContaining('The file is not UTF-8')
    })
  })
})
