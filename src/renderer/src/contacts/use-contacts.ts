import { useCallback, useEffect, useState } from 'react'
import type { Contact } from '../../../shared/contact'
import type { FavouriteTarget } from '../../../shared/directory-search'
import { errorText } from '../common/error-text'

export interface Contacts {
  /** Undefined while the first load runs; sorted by name (the main process keeps them so). */
  contacts?: Contact[]
  /** The starred contacts' ids and starred numbers' digits. */
  favourites: FavouriteTarget[]
  loadError?: string
  reload(): Promise<void>
  /** Stars or unstars a contact or a number; a failure is shown as `loadError`. */
  setFavourite(target: FavouriteTarget, starred: boolean): Promise<void>
}

/** The address book and the favourites, loaded once and again after every change. */
export function useContacts(): Contacts {
  const [contacts, setContacts] = useState<Contact[]>()
  const [favourites, setFavourites] = useState<FavouriteTarget[]>([])
  const [loadError, setLoadError] = useState<string>()

  const reload = useCallback(
    () =>
      Promise.all([window.deskdial.listContacts(), window.deskdial.listFavourites()]).then(
        ([list, starred]) => {
          setContacts(list)
          setFavourites(starred)
          setLoadError(undefined)
        },
        (error: unknown) => setLoadError(`Your contacts could not be loaded: ${errorText(error)}`)
      ),
    []
  )

  const setFavourite = useCallback(
    (target: FavouriteTarget, starred: boolean) =>
      window.deskdial
        .setFavourite(target, starred)
        .then(setFavourites, (error: unknown) =>
          setLoadError(`DeskDial could not change the favourite: ${errorText(error)}`)
        ),
    []
  )

  useEffect(() => {
    void reload()
  }, [reload])

  return { contacts, favourites, loadError, reload, setFavourite }
}
