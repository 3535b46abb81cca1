import { describe, expect, it } from 'vitest'
import { serializeJson } from '../../../src/main/settings/atomic-json-file'
import { jsonPieces } from '../../../src/main/settings/json-pieces'

const contacts = Array.from({ length: 500 }, (_, i) => ({
  id: `c${i}`,
  name: `Person ${i}`,
  ...(i % 3 === 0 ? { company: 'Ex "quoted"\nAG' } : {}),
  numbers: [{ label: 'work', number: `+49 201 ${i}` }],
  note: undefined
}))

describe('JSON written in pieces', () => {
  it.each([
    ['a long list', { version: 1, contacts }],
    [
      'several lists and fields',
      { version: 1, savedAt: '2026-01-01', entries: [1, null, 'x'], empty: [], gone: undefined }
    ],
    ['a list with holes', { list: [undefined, () => 1, { a: [] }] }],
    ['an empty object', {}],
    ['a list at the top', [1, { a: 2 }]],
    ['a date', { at: new Date(0) }],
    ['text', 'plain']
  ])('is the same text as in one piece: %s', (_, value) => {
    expect([...jsonPieces(value, 0)].join('')).toBe(serializeJson(value))
  })

  it('turns a long list into text a few items at a time', () => {
    // A budget of 0: a piece ends at every look at the clock (every 64 items).
    expect([...jsonPieces({ version: 1, contacts }, 0)].length).toBeGreaterThanOrEqual(7)
  })
})
