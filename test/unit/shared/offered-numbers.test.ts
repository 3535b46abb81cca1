import { describe, expect, it } from 'vitest'
import { offeredNumbers } from '../../../src/shared/quick-dial-numbers'

const CLIPBOARD = '+1-900-555-0123'

describe('the numbers quick dial offers first', () => {
  it('offers the clipboard number while the box is empty', () => {
    expect(offeredNumbers('', CLIPBOARD)).toEqual([{ kind: 'clipboard', number: CLIPBOARD }])
    expect(offeredNumbers('  ', CLIPBOARD)).toEqual([{ kind: 'clipboard', number: CLIPBOARD }])
  })

  it('puts the typed number first once the user has typed, even when the clipboard number contains its digits', () => {
    expect(offeredNumbers('5550123', CLIPBOARD)).toEqual([
      { kind: 'typed', number: '5550123' },
      { kind: 'clipboard', number: CLIPBOARD }
    ])
  })

  it('offers a typed number once, as typed, when it is the clipboard number', () => {
    expect(offeredNumbers(' +1 900 555 0123 ', CLIPBOARD)).toEqual([{ kind: 'typed', number: '+1 900 555 0123' }])
  })

  it('leaves out a clipboard number that does not contain the typed digits', () => {
    expect(offeredNumbers('7042', CLIPBOARD)).toEqual([{ kind: 'typed', number: '7042' }])
  })

  it('offers no number for a typed name, and none with an empty box and clipboard', () => {
    expect(offeredNumbers('ann', CLIPBOARD)).toEqual([])
    expect(offeredNumbers('', undefined)).toEqual([])
  })

  it('offers a feature code as typed', () => {
    expect(offeredNumbers('*21*0049151555#', undefined)).toEqual([{ kind: 'typed', number: '*21*0049151555#' }])
  })

  it('offers the selected number first, then what is typed, then the clipboard number', () => {
    const selection = '+1 201 555 0123'
    expect(offeredNumbers('', CLIPBOARD, selection)).toEqual([
      { kind: 'selection', number: selection },
      { kind: 'clipboard', number: CLIPBOARD }
    ])
    expect(offeredNumbers('555', CLIPBOARD, selection)).toEqual([
      { kind: 'selection', number: selection },
      { kind: 'typed', number: '555' },
      { kind: 'clipboard', number: CLIPBOARD }
    ])
  })

  it('leaves out a selected number that does not contain the typed digits, and offers one number once', () => {
    expect(offeredNumbers('7042', CLIPBOARD, '+1 201 555 0123')).toEqual([{ kind: 'typed', number: '7042' }])
    expect(offeredNumbers('', CLIPBOARD, '+1 900 555 0123')).toEqual([{ kind: 'selection', number: '+1 900 555 0123' }])
    expect(offeredNumbers('', CLIPBOARD, undefined)).toEqual([{ kind: 'clipboard', number: CLIPBOARD }])
  })
})
