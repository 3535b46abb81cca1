import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileContactStore } from '../../../src/main/contacts/contact-store'
import { checkContactDraft } from '../../../src/main/contacts/contact-validation'

describe('contact validation', () => {
  it.each([
    [{ name: ' ', numbers: [{ label: 'work', number: '1' }] }, 'name', 'Enter a name for the contact.'],
    [{ name: 'A', numbers: [] }, 'numbers', 'Add at least one number for the contact.'],
    [
      { name: 'A', numbers: [{ label: 'work', number: 'call me' }] },
      'numbers.0',
      '“call me” is not a phone number: use digits, optionally starting with + and separated by spaces, dashes or brackets.'
    ],
    [
      { name: 'A', numbers: [{ label: 'fax', number: '123' }] },
      'numbers.0',
      'Choose a label for the number: work, mobile, home or other.'
    ],
    [
      {
        name: 'A',
        numbers: [
          { label: 'work', number: '0201 555' },
          { label: 'home', number: '0201-555' }
        ]
      },
      'numbers.1',
      '0201-555 is listed twice for this contact.'
    ]
  ])('refuses %j', (draft, field, error) => {
    expect(checkContactDraft(draft)).toEqual({ ok: false, field, error })
  })

  it('trims and drops an empty company', () => {
    expect(
      checkContactDraft({ name: ' Ann ', company: ' ', numbers: [{ label: 'work', number: ' +1 555 ' }] })
    ).toEqual({ ok: true, contact: { name: 'Ann', numbers: [{ label: 'work', number: '+1 555' }] } })
  })
})

describe('FileContactStore', () => {
  let directory: string
  let ids = 0
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'deskdial-contacts-'))
  })
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true })
  })
  const open = () => new FileContactStore({ directory, newId: () => `c${++ids}` })

  it('lists contacts in name order, a new one after those of the same name, also after an edit and a restart', async () => {
    const store = open()
    const add = async (name: string, id?: string) => {
      const saved = await store.save({
        ...(id ? { id } : {}),
        name,
        numbers: [{ label: 'work', number: '+1 555 0100' }]
      })
      return saved.ok ? saved.contact.id : ''
    }
    const carl = await add('Carl')
    await add('anna')
    await add('Émile')
    const bert = await add('Bert')
    await add('Anna')
    await add('Bert')
    await add(`Bert`, carl)
    const order = (contacts: Array<{ name: string; id: string }>) => contacts.map(({ name, id }) => `${name} ${id}`)
    const expected = ['anna c2', 'Anna c5', `Bert ${bert}`, 'Bert c6', `Bert ${carl}`, 'Émile c3']
    expect(order(await store.list())).toEqual(expected)
    expect(order(await open().list())).toEqual(expected)
  })

  it('adds, edits and deletes contacts that survive a restart', async () => {
    const store = open()
    const saved = await store.save({ name: 'Zoe', numbers: [{ label: 'work', number: '200' }] })
    const other = await store.save({ name: 'Adam', numbers: [{ label: 'mobile', number: '+44 7700 900123' }] })
    expect(saved.ok && other.ok).toBe(true)
    if (!saved.ok || !other.ok) return
    await store.save({
      ...saved.contact,
      numbers: [...saved.contact.numbers, { label: 'home', number: '0201 5550123' }]
    })
    await store.delete(other.contact.id)
    const reopened = open()
    expect(await reopened.list()).toEqual([
      {
        id: saved.contact.id,
        name: 'Zoe',
        numbers: [
          { label: 'work', number: '200' },
          { label: 'home', number: '0201 5550123' }
        ]
      }
    ])
  })

  it('keeps every one of many quick saves', async () => {
    const store = open()
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.save({ name: `P${i}`, numbers: [{ label: 'work', number: `10${i}` }] })
      )
    )
    expect(await open().list()).toHaveLength(20)
  })

  it('refuses to edit a contact that no longer exists', async () => {
    expect(await open().save({ id: 'gone', name: 'X', numbers: [{ label: 'work', number: '12' }] })).toEqual({
      ok: false,
      field: 'name',
      error: 'This contact no longer exists: it may have been deleted. Add it again.'
    })
  })

  it('finds a contact by number however it is written', async () => {
    const store = open()
    await store.save({
      name: 'Jürgen',
      numbers: [
        { label: 'work', number: '+49 201 555-0123' },
        { label: 'other', number: '201' }
      ]
    })
    expect(await store.findByNumber('0201 5550123', 'DE')).toMatchObject({ contact: { name: 'Jürgen' }, label: 'work' })
    expect(await store.findByNumber('0049 (0)201 5550123', 'DE')).toMatchObject({ label: 'work' })
    expect(await store.findByNumber('201', 'DE')).toMatchObject({ label: 'other' })
    expect(await store.findByNumber('0201 5550124', 'DE')).toBeUndefined()
  })

  it('backs up an unreadable file and starts empty', async () => {
    await writeFile(join(directory, 'contacts.json'), 'not json')
    const logged: string[] = []
    const store = new FileContactStore({ directory, now: () => 0, log: (m) => logged.push(m) })
    expect(await store.list()).toEqual([])
    expect(await readdir(directory)).toEqual(['contacts.corrupt-1970-01-01T00-00-00-000Z.json'])
    expect(await readFile(join(directory, 'contacts.corrupt-1970-01-01T00-00-00-000Z.json'), 'utf8')).toBe('not json')
    expect(logged).toEqual([
      'The contacts file could not be read; DeskDial kept it as contacts.corrupt-1970-01-01T00-00-00-000Z.json and started afresh.'
    ])
  })
})
