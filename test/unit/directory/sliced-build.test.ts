import { describe, expect, it } from 'vitest'
import { DirectoryIndex, type DirectoryEntry } from '../../../src/main/directory'

const PEOPLE: DirectoryEntry[] = Array.from({ length: 9_000 }, (_, i) => ({
  id: `directory:${i}`,
  source: 'directory',
  name: `${['Jürgen', 'Anna', 'Søren', 'José'][i % 4]} Person${i}`,
  company: i % 2 ? 'Example Ltd' : 'Muster GmbH',
  numbers: [{ label: 'work', number: `+49 201 555 ${String(i).padStart(4, '0')}` }]
}))

describe('building the index in slices', () => {
  it('pauses between slices of entries and finds what the index built at once finds', async () => {
    let pauses = 0
    const sliced = await DirectoryIndex.build(PEOPLE, async () => {
      pauses += 1
    })
    const whole = new DirectoryIndex(PEOPLE)
    // 9,000 entries: a pause per 2,000 folded, per 2,000 listed, and around the sorts.
    expect(pauses).toBeGreaterThanOrEqual(8)
    expect(sliced.size).toBe(9_000)
    for (const query of ['jurgen person12', 'sor', 'muster', '555 0042', 'jp'])
      expect(sliced.search(query, 10).map((hit) => hit.entry.id)).toEqual(
        whole.search(query, 10).map((hit) => hit.entry.id)
      )
  })
})
