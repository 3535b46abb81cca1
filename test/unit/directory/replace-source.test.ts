import { describe, expect, it } from 'vitest'
import { DirectoryIndex, type DirectoryEntry, type DirectorySource } from '../../../src/main/directory'

function person(source: DirectorySource, id: string, name: string, number: string): DirectoryEntry {
  return { id: `${source}:${id}`, source, name, numbers: [{ label: 'work', number }] }
}

function names(index: DirectoryIndex, query: string): string[] {
  return index.search(query, 10).map((hit) => hit.entry.name)
}

const CONTACTS = [person('contacts', '1', 'Anna Berg', '1001'), person('contacts', '2', 'Bernd Berger', '1002')]
/** Enough directory people that replacing the two contacts changes them one by one instead of rebuilding. */
const DIRECTORY = Array.from({ length: 200 }, (_, i) => person('directory', String(i), `Person ${i} Bergmann`, `2${i}`))

describe('replacing all entries of one source', () => {
  it('rebuilds when the whole directory changes: the old entries are gone, the new ones found, the contacts kept', () => {
    const index = new DirectoryIndex([...CONTACTS, ...DIRECTORY])
    index.replaceSource('directory', [person('directory', 'x', 'Berta Bergström', '3001')])
    expect(index.size).toBe(3)
    expect(names(index, 'berg')).toEqual(['Anna Berg', 'Bernd Berger', 'Berta Bergström'])
    expect(names(index, 'bergmann')).toEqual([])
    expect(index.entriesFrom('directory').map((entry) => entry.id)).toEqual(['directory:x'])
  })

  it('changes a few entries in place in a large index, with the same result', () => {
    const index = new DirectoryIndex([...CONTACTS, ...DIRECTORY])
    const replaced = [person('contacts', '2', 'Bernd Berger', '1099'), person('contacts', '3', 'Carla Berg', '1003')]
    index.replaceSource('contacts', replaced)
    expect(index.size).toBe(202)
    expect(index.get('contacts:1')).toBeUndefined()
    expect(index.get('contacts:2')?.numbers[0].number).toBe('1099')
    expect(names(index, 'berg').slice(0, 2)).toEqual(['Bernd Berger', 'Carla Berg'])
  })

  it('keeps favourites first after a rebuild', () => {
    const index = new DirectoryIndex([...CONTACTS, ...DIRECTORY])
    index.setUsage([{ number: '1002', favourite: true }])
    index.replaceSource('directory', DIRECTORY.slice(0, 100))
    expect(index.search('berg', 1)[0].entry.name).toBe('Bernd Berger')
    expect(index.search('berg', 1)[0].favourite).toBe(true)
  })

  it('refuses an entry of another source with a sentence, and changes nothing', () => {
    const index = new DirectoryIndex([...CONTACTS, ...DIRECTORY])
    expect(() => index.replaceSource('directory', [CONTACTS[0]])).toThrow(
      'The entry "contacts:1" comes from contacts, not from directory: replace each source with its own entries.'
    )
    expect(index.size).toBe(202)
  })
})
