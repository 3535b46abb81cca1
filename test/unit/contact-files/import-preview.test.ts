import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importContacts, readContactFile } from '../../../src/main/contact-files'
import { FileContactStore } from '../../../src/main/contacts/contact-store'

let folder: string | undefined
afterEach(async () => {
  if (folder) await rm(folder, { recursive: true, force: true })
})

describe('the preview of an import', () => {
  it('shows the numbers it would add to a contact without adding them', async () => {
    folder = await mkdtemp(join(tmpdir(), 'deskdial-import-preview-'))
    const store = new FileContactStore({ directory: folder })
    await store.save({ name: 'Ann Lee', numbers: [{ label: 'work', number: '+1 555 0100' }] })
    const csv = 'Name,Phone 1 - Label,Phone 1 - Value\r\nAnn Lee,Mobile,+1 555 0199\r\n'
    const answer = await importContacts(store, readContactFile('contacts.csv', Buffer.from(csv)), { write: false })
    expect(answer.ok && answer.merged).toEqual([
      { line: 2, name: 'Ann Lee', numbers: [{ label: 'mobile', number: '+1 555 0199' }] }
    ])
    expect((await store.list())[0].numbers).toEqual([{ label: 'work', number: '+1 555 0100' }])
  })
})
