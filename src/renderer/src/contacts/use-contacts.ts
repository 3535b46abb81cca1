import { useCallback, useEffect, useState } from 'react'
import type { Contact } from '../../../shared/contact'
import { errorText } from '../common/error-text'
import { byName } from './contact-search'

export interface Contacts {
  /** Undefined while the first load runs. */
  contacts?: Contact[]
  loadError?: string
  reload(): Promise<void>
}

/** The address book, sorted by name, loaded once and again after every change. */
export function useContacts(): Contacts {
  const [contacts, setContacts] = useState<Contact[]>()
  const [loadError, setLoadError] = useState<string>()

  const reload = useCallback(
    () =>
      window.deskdial.listContacts().then(
        (list) => {
          setContacts([...list].sort(byName))
          setLoadError(undefined)
        },
        (error: unknown) => setLoadError(`Your contacts could not be loaded: ${errorText(error)}`)
      ),
    []
  )

  useEffect(() => {
    void reload()
  }, [reload])

  return { contacts, loadError, reload }
}
