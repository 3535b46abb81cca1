/**
 * Reading contact files of the kinds real tools export (fixtures written from RFC 2426, RFC 6350
 * and the exporters' documented columns): every entry that is a contact is read with its labels,
 * every broken one is skipped with its line and a reason, and the rest of the file still reads.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readContactFile, type ContactFileReading } from '../../../src/main/contact-files'

const FIXTURES = join(import.meta.dirname, '../../fixtures/contact-files')

function read(file: string, bytes: Uint8Array = readFileSync(join(FIXTURES, file))) {
  const reading = readContactFile(file, bytes)
  if (!reading.ok) throw new Error(reading.error)
  return reading
}

const work = (number: string) => ({ label: 'work', number })
const mobile = (number: string) => ({ label: 'mobile', number })
const home = (number: string) => ({ label: 'home', number })
const other = (number: string) => ({ label: 'other', number })

const contacts = (reading: Extract<ContactFileReading, { ok: true }>) => reading.entries.map((entry) => entry.contact)

describe('vCard', () => {
  it('reads Outlook 2.1: Windows-1252 bytes, quoted-printable with soft line breaks and CHARSET, bare TYPE parameters', () => {
    const reading = read('outlook-2.1-windows-1252.vcf')
    expect(contacts(reading)).toEqual([
      {
        name: 'Jürgen Müller',
        company: 'Bäckerei Schäfer GmbH',
        department: 'Verkauf',
        title: 'Leiter Vertrieb',
        email: 'juergen.mueller@example.de',
        numbers: [work('+49 201 5550123'), mobile('+49 170 5550199')]
      },
      {
        name: 'François de la Fontaine',
        numbers: [home('(555) 010-2000'), other('555 010 2001')]
      },
      { name: 'María González', numbers: [work('555-0300')] }
    ])
    expect(reading.entries[0]?.notes).toEqual(['Left out its fax number.'])
    expect(reading.skipped).toEqual([])
  })

  it('reads Apple/iCloud 3.0: folded lines (space and tab), item1. groups with X-ABLabel, escaped commas, a company card', () => {
    const reading = read('icloud-3.0.vcf')
    expect(contacts(reading)).toEqual([
      {
        name: 'Alice Archer',
        company: 'Example Corp',
        department: 'Sales',
        title: 'Account Manager',
        email: 'alice@example.com',
        numbers: [
          mobile('+1 (917) 555-0188'),
          work('+1 (201) 555-0123'),
          home('+1 (201) 555-0177'),
          other('+1 (201) 555-0155')
        ]
      },
      {
        name: 'Bartholomew Christopherson-Vandermeer',
        company: 'Vandermeer & Associates, Attorneys at Law',
        numbers: [work('+1 212 555 0142')]
      },
      { name: 'Pizza Roma', company: 'Pizza Roma', numbers: [other('+1 201 555 0111')] }
    ])
  })

  it("reads Google's 3.0 export", () => {
    expect(contacts(read('google-3.0.vcf'))).toEqual([
      {
        name: 'Bob Baker',
        company: 'Baker & Sons',
        title: 'Owner',
        email: 'bob@example.org',
        numbers: [mobile('+1 415-555-0142'), work('+1 415-555-0100'), other('+1 415-555-0199')]
      },
      {
        name: 'Zoë Ølsen',
        company: 'Smith, Jones & Partners',
        department: 'Legal',
        numbers: [home('+45 32 12 34 56')]
      }
    ])
  })

  it('reads 4.0 with tel: URIs and quoted TYPE lists, LF line ends, and builds the name from N when FN is missing', () => {
    expect(contacts(read('rfc6350-4.0.vcf'))).toEqual([
      {
        name: 'Simon Perreault',
        company: 'Viagenie',
        email: 'simon.perreault@viagenie.ca',
        numbers: [work('+1-418-656-9254'), mobile('+1-418-262-6501')]
      },
      {
        name: 'John Philip Paul Stevenson',
        numbers: [home('+1-555-555-5555'), other('+1-555-555-5556')]
      }
    ])
  })

  it('skips each broken card with its line and reason, and reads the cards around them', () => {
    const reading = read('broken.vcf')
    expect(reading.entries.map((entry) => entry.contact.name)).toEqual([
      'Valid One',
      'Survives Garbage',
      'Many Numbers'
    ])
    expect(reading.skipped).toEqual([
      { line: 6, name: 'Never Ended', reason: 'The card has no END:VCARD before the next card on line 10.' },
      { line: 10, reason: 'It has no name.' },
      {
        line: 14,
        name: 'Bad Number',
        reason:
          '“call me maybe” is not a phone number: use digits, optionally starting with + and separated by spaces, dashes or brackets.'
      },
      { line: 19, name: 'Fax Only', reason: 'It has only a fax number.' },
      { line: 46, name: 'Cut Off', reason: 'The card has no END:VCARD before the end of the file.' }
    ])
    const many = reading.entries[2]
    expect(many?.contact.numbers).toHaveLength(10)
    expect(many?.contact.numbers[9]?.number).toBe('+1 201 555 0109')
    expect(many?.notes).toEqual(['Kept the first 10 of its 12 numbers.'])
  })

  it('recognises vCards by their content when the file name says nothing', () => {
    expect(read('contacts.txt', readFileSync(join(FIXTURES, 'google-3.0.vcf'))).format).toBe('vcard')
  })
})

describe('CSV', () => {
  it("reads Outlook's English export (UTF-8 with BOM, every field quoted, commas, quotes and line breaks inside fields)", () => {
    const reading = read('outlook-en-utf8-bom.csv')
    expect(reading.csv?.preset).toBe('outlook')
    expect(contacts(reading)).toEqual([
      {
        name: 'Alice Archer',
        company: 'Example Corp',
        department: 'Sales',
        title: 'Account Manager',
        email: 'alice@example.com',
        numbers: [work('+1 (201) 555-0123'), mobile('+1 (917) 555-0188')]
      },
      {
        name: 'Carlos Alberto Núñez',
        company: 'Smith, Jones & Partners',
        title: 'Head of "Special" Projects',
        numbers: [work('+1 212 555 0190'), work('+1 212 555 0191'), home('+1 718 555 0192'), other('+1 212 555 0193')]
      },
      { name: 'Reception Desk', company: 'Reception Desk', numbers: [work('+1 201 555 0100')] }
    ])
    // The record with a line break in its notes starts on line 3, so the next one is on line 5.
    expect(reading.entries.map((entry) => entry.line)).toEqual([2, 3, 5])
  })

  it("reads German Outlook's export: semicolons, Windows-1252, German headers", () => {
    const reading = read('outlook-de-windows-1252.csv')
    expect(reading.csv?.preset).toBe('outlook')
    expect(contacts(reading)).toEqual([
      {
        name: 'Jürgen Müller',
        company: 'Bäckerei Schäfer GmbH',
        department: 'Verkauf',
        title: 'Leiter Vertrieb',
        email: 'juergen.mueller@example.de',
        numbers: [work('+49 (201) 555-0123'), mobile('+49 170 5550199')]
      },
      {
        name: 'Renée Weiß',
        company: 'Müller & Söhne; Essen',
        numbers: [home('0201 5550177'), other('0201 5550178')]
      }
    ])
  })

  it('reads UTF-16 with a byte-order mark, as Outlook writes "Unicode" CSV, little- and big-endian', () => {
    const text = '\uFEFFFirst Name,Last Name,Mobile Phone\r\nŁukasz,Żółć,+48 601 555 010\r\n'
    const little = Buffer.from(text, 'utf16le')
    const big = Buffer.from(little).swap16()
    for (const bytes of [little, big]) {
      expect(contacts(read('unicode.csv', bytes))).toEqual([
        { name: 'Łukasz Żółć', numbers: [mobile('+48 601 555 010')] }
      ])
    }
  })

  it("reads Google's export: typed phone columns, several numbers in a cell joined by ' ::: ', faxes left out", () => {
    const reading = read('google.csv')
    expect(reading.csv?.preset).toBe('google')
    expect(contacts(reading)).toEqual([
      {
        name: 'Bob Baker',
        company: 'Baker & Sons',
        title: 'Owner',
        email: 'bob@example.org',
        numbers: [mobile('+1 415-555-0142'), mobile('+1 415-555-0143'), work('+1 415-555-0100')]
      },
      {
        name: 'Zoë Ølsen',
        company: 'Smith, Jones & Partners',
        department: 'Legal',
        numbers: [home('+45 32 12 34 56'), other('+45 32 12 34 00')]
      }
    ])
    expect(reading.entries[0]?.notes).toEqual(['Left out its fax number.'])
  })

  it("reads Google's newer export (First/Last Name, Phone 1 - Label, Organization Name)", () => {
    const reading = read('google-new.csv')
    expect(reading.csv?.preset).toBe('google')
    expect(contacts(reading)).toEqual([
      {
        name: 'Dana Dorsey',
        company: 'Dorsey Design',
        title: 'Principal',
        email: 'dana@example.net',
        numbers: [mobile('+44 7700 900123'), work('+44 20 7946 0958')]
      }
    ])
  })

  it('skips broken lines with their reason and reads on after an unclosed quote', () => {
    const reading = read('broken.csv')
    expect(reading.entries.map((entry) => [entry.line, entry.contact.name])).toEqual([
      [2, 'Valid Row'],
      [8, 'After The Breakage']
    ])
    expect(reading.skipped).toEqual([
      { line: 3, reason: 'A quote opened on this line is never closed.' },
      {
        line: 4,
        reason: 'It has 6 fields but the header has 4: check for a separator or quote out of place.'
      },
      { line: 5, name: 'No Name Corp', reason: 'It has no phone number.' },
      {
        line: 6,
        name: 'Bad Number',
        reason:
          '“call reception” is not a phone number: use digits, optionally starting with + and separated by spaces, dashes or brackets.'
      }
    ])
  })

  it('reads with a mapping of its own and says which columns to choose when the header is unknown', () => {
    const bytes = Buffer.from('Full name;Tel;Handy\nAnna Berg;030 555 01;0151 555 02\n')
    const unknown = readContactFile('list.csv', bytes)
    expect(unknown).toMatchObject({
      ok: false,
      error:
        "Choose the columns that hold the name and the numbers: DeskDial did not recognise this file's header as Outlook's or Google's export.",
      csv: { columns: ['Full name', 'Tel', 'Handy'] }
    })
    const mapped = readContactFile('list.csv', bytes, { mapping: { name: 'Full name', work: 'Tel', mobile: 'handy' } })
    expect(mapped.ok && contacts(mapped)).toEqual([
      {
        name: 'Anna Berg',
        numbers: [work('030 555 01'), mobile('0151 555 02')]
      }
    ])
    expect(readContactFile('list.csv', bytes, { mapping: { name: 'Name', work: 'Tel' } })).toMatchObject({
      ok: false,
      error: 'The mapping names columns this file does not have: "Name". Its columns are "Full name", "Tel", "Handy".'
    })
  })

  it('refuses a file larger than 10 MB with a sentence', () => {
    expect(readContactFile('huge.csv', new Uint8Array(10 * 1024 * 1024 + 1))).toEqual({
      ok: false,
      error: 'huge.csv is larger than 10 MB: split it into smaller files and import them one by one.'
    })
  })
})
