import { digitsOf } from '../../shared/digits-of'
import type { ContactStore } from '../contacts/contact-store'
import type { HistoryStore } from '../history/history-store'
import type { DirectoryKeeper } from './directory-keeper'

/** Who a number belongs to, as far as DeskDial knows. */
export interface KnownPerson {
  name: string
  /** The department, else the company: "Anna Weber (Sales)". */
  team?: string
}

export interface CallerLookupSources {
  contacts: ContactStore
  history: HistoryStore
  directory: Pick<DirectoryKeeper, 'findNumber'>
  country: () => string
}

/**
 * The person behind `number` (a caller, the other party of the desk phone's call): first the
 * contacts (numbers compared as the dial plan's country reads them), then the search's entries
 * (contacts, the company directory's offline copy) with a number of the same digits, then the
 * name the call history remembers for that number.
 */
export async function lookUpPerson(sources: CallerLookupSources, number: string): Promise<KnownPerson | undefined> {
  const digits = digitsOf(number)
  if (digits === '') return undefined
  const match = await sources.contacts.findByNumber(number, sources.country())
  if (match) return person(match.contact.name, match.contact.department ?? match.contact.company)
  const found = await sources.directory.findNumber(number)
  if (found?.numbers.some((entry) => digitsOf(entry.number) === digits))
    return person(found.name, found.department ?? found.company)
  const calls = await sources.history.list()
  const called = calls.find((call) => call.contactName !== undefined && digitsOf(call.target) === digits)
  return called?.contactName === undefined ? undefined : person(called.contactName)
}

function person(name: string, team?: string): KnownPerson {
  return team === undefined ? { name } : { name, team }
}
