import { describe, expect, it } from 'vitest'
import { DirectoryIndex, type DirectoryEntry } from '../../../src/main/directory'

function person(id: string, name: string, number: string, extra: Partial<DirectoryEntry> = {}): DirectoryEntry {
  return { id, source: 'contacts', name, numbers: [{ label: 'work', number }], ...extra }
}

const PEOPLE: DirectoryEntry[] = [
  person('1', 'John Doe', '+1 (201) 555-0123', { company: 'Acme Corp', department: 'Sales' }),
  person('2', 'Jane Doering', '+1 201 555 0199'),
  person('3', 'Johnny Dorsey', '4711'),
  person('4', 'Anna Müller', '+49 201 5550123'),
  person('5', 'Peter Mueller', '0201 777 888'),
  person('6', 'Karl Schmidt', '+49 30 1234567', { company: 'Nordwind AG' }),
  person('7', 'Doe Ray', '2001'),
  person('8', 'Johnson Smith', '+44 20 7946 0958', { department: 'Accounting' }),
  person('9', 'Иван Петров', '+7 495 123 45 67'),
  person('10', 'Zoë Lefèvre', '+33 1 42 68 53 00')
]

function names(index: DirectoryIndex, query: string, limit = 5): string[] {
  return index.search(query, limit).map((hit) => hit.entry.name)
}

describe('the directory search', () => {
  const index = new DirectoryIndex(PEOPLE)

  it.each([
    ['john doe', ['John Doe']],
    ['john', ['John Doe', 'Johnny Dorsey', 'Johnson Smith']],
    ['jd', ['Jane Doering', 'John Doe', 'Johnny Dorsey']],
    ['doe', ['Doe Ray', 'Jane Doering', 'John Doe']],
    ['muller', ['Anna Müller', 'Peter Mueller']],
    ['MÜLLER', ['Anna Müller', 'Peter Mueller']],
    ['lefevre', ['Zoë Lefèvre']],
    ['zoe', ['Zoë Lefèvre']],
    ['иван', ['Иван Петров']],
    ['acme', ['John Doe']],
    ['accounting', ['Johnson Smith']],
    ['shmidt', ['Karl Schmidt']],
    ['schmidr', ['Karl Schmidt']],
    ['scmhidt', ['Karl Schmidt']],
    ['mulle', ['Anna Müller', 'Peter Mueller']],
    ['5550 12', ['Anna Müller', 'John Doe']],
    ['(201) 555-01', ['Anna Müller', 'Jane Doering', 'John Doe']],
    ['0201 5550123', ['Anna Müller', 'John Doe']],
    ['47', ['Johnny Dorsey']],
    ['xyz', []]
  ])('ranks "%s" as %j', (query, expected) => {
    expect(names(index, query)).toEqual(expected)
  })

  it('ranks an exact name before a name prefix, initials, word starts and other fields, in that order', () => {
    expect(index.search('doe', 5).map((hit) => hit.kind)).toEqual(['prefix', 'word', 'word'])
    expect(index.search('muller', 5).map((hit) => hit.kind)).toEqual(['word', 'word'])
    expect(index.search('jd', 5)[0].kind).toBe('initials')
    expect(index.search('john doe', 1)[0].kind).toBe('exact')
  })

  it('does not forgive a slip in a word shorter than five letters', () => {
    expect(names(index, 'jihn')).toEqual([])
  })

  it('returns the characters to highlight in the name, the company and the number as written', () => {
    const [hit] = index.search('jo do', 1)
    expect(hit.highlights.name).toEqual([
      [0, 2],
      [5, 7]
    ])
    const [muller] = index.search('muller', 1)
    expect(muller.entry.name.slice(...muller.highlights.name[0])).toBe('Müller')
    const byNumber = index.search('5550 12', 2)[1]
    expect(byNumber.entry.numbers[byNumber.numberIndex].number.slice(...byNumber.highlights.number[0])).toBe('555-012')
    const [byCompany] = index.search('acm', 1)
    expect(byCompany.highlights.company).toEqual([[0, 3]])
  })

  it('ranks favourites and often, lately dialled numbers first among equal matches, and finds a dialled number in no contact', () => {
    const ranked = new DirectoryIndex(PEOPLE)
    const now = Date.UTC(2026, 0, 31)
    ranked.setUsage(
      [
        { number: '+1 201 555 0199', at: now - 86_400_000 },
        { number: '4711', favourite: true },
        { number: '+1 (303) 555-0000', at: now - 3_600_000, name: 'Pizza Place' }
      ],
      now
    )
    expect(names(ranked, 'jd')).toEqual(['Johnny Dorsey', 'Jane Doering', 'John Doe'])
    expect(ranked.search('jd', 1)[0].favourite).toBe(true)
    expect(ranked.search('pizza', 1)[0].entry.source).toBe('recent')
  })

  it('forgets the old favourites and dialled numbers when the usage is set again', () => {
    const ranked = new DirectoryIndex(PEOPLE)
    ranked.setUsage([
      { number: '4711', favourite: true },
      { number: '+1 (303) 555-0000', name: 'Pizza Place' }
    ])
    ranked.setUsage([{ number: '+1 201 555 0199', favourite: true }])
    expect(names(ranked, 'jd')).toEqual(['Jane Doering', 'John Doe', 'Johnny Dorsey'])
    expect(ranked.search('jd', 1)[0].favourite).toBe(true)
    expect(ranked.search('johnny', 1)[0].favourite).toBe(false)
    expect(names(ranked, 'pizza')).toEqual([])
  })

  it('updates one entry in place: the old name is gone and the new one is found', () => {
    const changing = new DirectoryIndex(PEOPLE)
    changing.upsert(person('6', 'Karla Weiss', '+49 30 1234567'))
    expect(names(changing, 'schmidt')).toEqual([])
    expect(names(changing, 'karla')).toEqual(['Karla Weiss'])
    expect(names(changing, '30 1234567')).toEqual(['Karla Weiss'])
    changing.remove('6')
    expect(names(changing, 'karla')).toEqual([])
    expect(changing.size).toBe(PEOPLE.length - 1)
  })

  it('changes the number and company of an entry whose name stays: the old ones are gone, the new ones found', () => {
    const changing = new DirectoryIndex(PEOPLE)
    changing.upsert(person('6', 'Karl Schmidt', '+49 40 7654321', { company: 'Globex' }))
    expect(names(changing, '30 1234567')).toEqual([])
    expect(names(changing, 'nordwind')).toEqual([])
    expect(names(changing, '40 7654321')).toEqual(['Karl Schmidt'])
    expect(names(changing, 'globex')).toEqual(['Karl Schmidt'])
    expect(names(changing, 'schmidt')).toEqual(['Karl Schmidt'])
    expect(changing.size).toBe(PEOPLE.length)
  })

  it('keeps name order for entries added after the index was built', () => {
    const growing = new DirectoryIndex(PEOPLE)
    growing.upsert(person('11', 'John Able', '9999'))
    growing.upsert(person('12', 'John Zed', '9998'))
    expect(names(growing, 'john', 10)).toEqual(['John Able', 'John Doe', 'John Zed', 'Johnny Dorsey', 'Johnson Smith'])
  })

  it('ranks a name whose first word the query starts above one where the query starts a later word', () => {
    const ordered = new DirectoryIndex([
      person('1', 'Ashley Jörg Harris', '1001'),
      person('2', 'Jörg Harris', '1002'),
      person('3', 'Harriet Jordan', '1003')
    ])
    expect(names(ordered, 'jor harr')).toEqual(['Jörg Harris', 'Ashley Jörg Harris', 'Harriet Jordan'])
    expect(ordered.search('jor harr', 3).map((hit) => hit.kind)).toEqual(['word', 'word', 'word'])
    expect(names(ordered, 'jor harr', 1)).toEqual(['Jörg Harris'])
  })

  it('ranks a typo in the name above the same typo in a title', () => {
    const typos = new DirectoryIndex([
      person('1', 'Anna Coordinator', '1001'),
      person('2', 'Aaron Berg', '1002', { title: 'Coordinator' }),
      person('3', 'Zora Coordinator', '1003')
    ])
    expect(names(typos, 'coordinatr')).toEqual(['Anna Coordinator', 'Zora Coordinator', 'Aaron Berg'])
  })

  it('finds a person by a word of the name and digits of a number in one query', () => {
    expect(names(index, 'johnson 0958')).toEqual(['Johnson Smith'])
  })

  it('compares a word of the query longer than the indexed word starts letter by letter', () => {
    expect(names(index, 'johnsonxy')).toEqual([])
    expect(names(index, 'lefevrexy')).toEqual([])
  })

  it('finds the initials and a typo in entries added after the index was built', () => {
    const growing = new DirectoryIndex(PEOPLE)
    growing.upsert(person('11', 'Jack Daniels', '9997'))
    growing.upsert(person('12', 'Karla Weissmann', '9996'))
    expect(names(growing, 'jd', 10)).toEqual(['Jack Daniels', 'Jane Doering', 'John Doe', 'Johnny Dorsey'])
    expect(names(growing, 'weismann')).toEqual(['Karla Weissmann'])
  })

  it('shows a person found in two sources once', () => {
    const merged = new DirectoryIndex([...PEOPLE, { ...PEOPLE[0], id: 'directory:cn=john', source: 'directory' }])
    expect(names(merged, 'john doe')).toEqual(['John Doe'])
  })
})

describe('names typed as people type them', () => {
  const index = new DirectoryIndex([
    person('m1', 'Hans Müller', '1001'),
    person('m2', 'Peter Mueller', '1002'),
    person('m3', 'Jörg Schröder', '1003'),
    person('m4', 'Käthe Baer', '1004'),
    person('m5', 'Paweł Łukasiewicz', '1005'),
    person('m6', 'Ayşe Yıldız', 'x5127'),
    person('m7', 'Đorđe Đokić', '1007'),
    person('m8', 'Νίκος Παπαδόπουλος', '1008'),
    person('m9', 'Greta Großmann', '1009'),
    person('m10', 'Jon Doe', '1010'),
    person('m11', 'Ole Sørensen', 'ext. 4471'),
    person('m12', 'Jan Novák', 'Durchwahl 17'),
    person('m13', 'ΆΡΗΣ ΠΑΠΑΣ', '1013')
  ])

  it.each([
    ['mueller', ['Peter Mueller', 'Hans Müller']],
    ['muller', ['Hans Müller', 'Peter Mueller']],
    ['müller', ['Hans Müller', 'Peter Mueller']],
    ['schroeder', ['Jörg Schröder']],
    ['joerg', ['Jörg Schröder']],
    ['kaethe baer', ['Käthe Baer']],
    ['bär', ['Käthe Baer']],
    ['pawel lukasiewicz', ['Paweł Łukasiewicz']],
    ['yildiz', ['Ayşe Yıldız']],
    ['dorde dokic', ['Đorđe Đokić']],
    ['νικος παπα', ['Νίκος Παπαδόπουλος']],
    ['παπαδοπουλος', ['Νίκος Παπαδόπουλος']],
    ['αρης', ['ΆΡΗΣ ΠΑΠΑΣ']],
    ['grossmann', ['Greta Großmann']],
    ['sorensen', ['Ole Sørensen']],
    ['doe', ['Jon Doe']]
  ])('finds "%s" as %j', (query, expected) => {
    expect(names(index, query)).toEqual(expected)
  })

  it('ranks the name as typed before the same name with its umlaut spelled the other way', () => {
    // Found as names, not as typos (a typo would not forgive two slips, or one in a short word).
    expect(index.search('mueller', 5).map((hit) => hit.kind)).toEqual(['word', 'word'])
    expect(index.search('schroeder joerg', 5).map((hit) => hit.kind)).toEqual(['word'])
    const spelled = new DirectoryIndex([person('a', 'Anna Mueller', '1'), person('b', 'Anna Müller', '2')])
    expect(names(spelled, 'anna mueller')).toEqual(['Anna Mueller', 'Anna Müller'])
    expect(names(spelled, 'anna müller')).toEqual(['Anna Müller', 'Anna Mueller'])
  })

  it.each([
    ['5127', 'Ayşe Yıldız'],
    ['x5127', 'Ayşe Yıldız'],
    ['ext. 5127', 'Ayşe Yıldız'],
    ['-5127', 'Ayşe Yıldız'],
    ['4471', 'Ole Sørensen'],
    ['x4471', 'Ole Sørensen'],
    ['Durchwahl 17', 'Jan Novák'],
    ['17', 'Jan Novák']
  ])('finds the extension "%s" by its digits, whatever is written before them', (query, expected) => {
    expect(names(index, query)).toEqual([expected])
  })
})
