import type { DirectoryCommands } from '../../../shared/ipc-contract'
import type { BackendParts } from '../backend-parts'

/** The search over the contacts, the company directory and recent calls (see {@link DirectoryKeeper.search}), and the favourites. */
export function directoryAndFavourites(parts: BackendParts): DirectoryCommands {
  return {
    searchDirectory: (query, limit) => parts.directory.search(query, limit),
    listFavourites: () => parts.options.favourites.list(),
    setFavourite: (target, starred) => parts.directory.setFavourite(target, starred)
  }
}
