import { describe, expect, it } from 'vitest'
import { readContactFile, readUploadedContactFile } from '../../../src/main/contact-files'

/** A Google-style CSV export of many contacts: several milliseconds of reading and checking. */
function manyContacts(count: number): string {
  const lines = ['Name,Organization Name,Phone 1 - Label,Phone 1 - Value']
  for (let i = 0; i < count; i += 1)
    lines.push(`Person ${i},Example Ltd,Work,+44 20 7946 ${String(i).padStart(4, '0')}`)
  return lines.join('\r\n')
}

describe('a contacts file the window sent', () => {
  it('is read in slices: the event loop turns meanwhile, and the reading is the same', async () => {
    const text = manyContacts(6_000)
    let turns = 0
    let done = false
    const tick = (): void => {
      turns += 1
      if (!done) setImmediate(tick)
    }
    setImmediate(tick)
    const reading = await readUploadedContactFile({
      name: 'contacts.csv',
      base64: Buffer.from(text).toString('base64')
    })
    done = true
    expect(reading.ok && reading.entries).toHaveLength(6_000)
    expect(reading).toEqual(readContactFile('contacts.csv', Buffer.from(text)))
    // 6,000 entries checked take far longer than one slice of 8 ms.
    expect(turns).toBeGreaterThan(2)
  })
})
