import { describe, expect, it } from 'vitest'
import { lookUpPerson, type CallerLookupSources } from '../../../src/main/backend/caller-lookup'
import type { ContactStore } from '../../../src/main/contacts/contact-store'
import type { HistoryStore } from '../../../src/main/history/history-store'
import type { CallRecord } from '../../../src/shared/call-record'
import type { DirectoryResult } from '../../../src/shared/directory-search'

const noContacts = { findByNumber: async () => undefined } as unknown as ContactStore

function history(calls: Partial<CallRecord>[]): HistoryStore {
  return { list: async () => calls as CallRecord[], record: async () => undefined, clear: async () => undefined }
}

function directoryEntry(name: string, number: string, department?: string): DirectoryResult {
  return {
    entryId: `directory:${name}`,
    source: 'directory',
    name,
    number,
    label: 'work',
    numbers: [{ label: 'work', number }],
    ...(department === undefined ? {} : { department }),
    favourite: false,
    highlights: { name: [], company: [], department: [], number: [] }
  }
}

function sources(overrides: Partial<CallerLookupSources>): CallerLookupSources {
  return {
    contacts: noContacts,
    history: history([]),
    directory: { findNumber: async () => undefined },
    country: () => 'DE',
    ...overrides
  }
}

describe('who is behind a number', () => {
  it('finds a person of the company directory with exactly that number, and their department', async () => {
    const found = await lookUpPerson(
      sources({ directory: { findNumber: async () => directoryEntry('Carla Ruiz', '+49 201 555-2001', 'Support') } }),
      '+492015552001'
    )
    expect(found).toEqual({ name: 'Carla Ruiz', team: 'Support' })
  })

  it('does not take a directory entry whose number only resembles the caller’s', async () => {
    const found = await lookUpPerson(
      sources({ directory: { findNumber: async () => directoryEntry('Carla Ruiz', '+49 201 555-20011') } }),
      '+492015552001'
    )
    expect(found).toBeUndefined()
  })

  it('falls back to the name the call history remembers for that number', async () => {
    const found = await lookUpPerson(
      sources({ history: history([{ target: '0201 555 2001', contactName: 'Dan Otto' }, { target: '2002' }]) }),
      '02015552001'
    )
    expect(found).toEqual({ name: 'Dan Otto' })
    expect(await lookUpPerson(sources({ history: history([{ target: '2002' }]) }), '2002')).toBeUndefined()
  })
})
