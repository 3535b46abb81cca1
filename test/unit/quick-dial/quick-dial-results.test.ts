import { describe, expect, it } from 'vitest'
import type { CallRecord, Contact } from '../../../src/shared/ipc-contract'
import { quickDialResults } from '../../../src/renderer/src/quick-dial/quick-dial-results'

const contacts: Contact[] = [{ id: 'c1', name: 'Ann Example', numbers: [{ label: 'work', number: '+1 201 555 0123' }] }]
const history: CallRecord[] = [
  { id: 'r1', target: '+1 900 555 0123', dialString: '9119005550123', startedAt: 1, state: 'connected', reason: 'Call placed' }
]
const CLIPBOARD = '+1-900-555-0123'

/** What Enter dials: the first result. */
function firstTarget(query: string, clipboard: string | undefined): string | undefined {
  return quickDialResults(query, contacts, history, clipboard)[0]?.target
}

describe('quick dial results', () => {
  it('offers the clipboard number first while the box is empty', () => {
    expect(quickDialResults('', contacts, history, CLIPBOARD).map((result) => result.kind)).toEqual(['clipboard'])
    expect(firstTarget('  ', CLIPBOARD)).toBe(CLIPBOARD)
  })

  it('puts the typed number first once the user has typed, even when the clipboard number contains its digits', () => {
    const results = quickDialResults('5550123', contacts, history, CLIPBOARD)
    expect(results[0]).toMatchObject({ kind: 'number', target: '5550123' })
    expect(results.map((result) => result.kind)).toEqual(['number', 'clipboard', 'contact'])
  })

  it('offers a typed number once when it is the clipboard number, as typed', () => {
    const results = quickDialResults('+1 900 555 0123', [], [], CLIPBOARD)
    expect(results).toEqual([{ key: 'typed', kind: 'number', title: '+1 900 555 0123', detail: 'Call this number', target: '+1 900 555 0123' }])
  })

  it('leaves out a clipboard number that does not contain the typed digits', () => {
    expect(quickDialResults('7042', [], [], CLIPBOARD).map((result) => result.kind)).toEqual(['number'])
  })

  it('lists matching contacts, not the clipboard, when a name is typed', () => {
    expect(quickDialResults('ann', contacts, history, CLIPBOARD).map((result) => result.kind)).toEqual(['contact'])
  })
})
