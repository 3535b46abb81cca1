import { join } from 'node:path'
import { z } from 'zod'
import { digitsOf } from '../../shared/digits-of'
import type { FavouriteTarget } from '../../shared/directory-search'
import { readJsonList, writeJsonFileAtomic, WriteQueue } from '../settings/atomic-json-file'

const favouriteSchema = z.union([
  z.strictObject({ contactId: z.string().min(1).max(200) }),
  z.strictObject({
    number: z
      .string()
      .max(100)
      .refine((number) => digitsOf(number).length >= 2),
    name: z.string().max(200).optional()
  })
])

const FILE_VERSION = 1

function isFavourite(value: unknown): value is FavouriteTarget {
  return favouriteSchema.safeParse(value).success
}

function sameTarget(a: FavouriteTarget, b: FavouriteTarget): boolean {
  if ('contactId' in a || 'contactId' in b) return 'contactId' in a && 'contactId' in b && a.contactId === b.contactId
  return digitsOf(a.number) === digitsOf(b.number)
}

export interface FavouritesStoreOptions {
  directory: string
  now?: () => number
  log?: (message: string) => void
}

/** The starred contacts and numbers, in `<directory>/favourites.json`, written atomically. */
export class FavouritesStore {
  readonly #file: string
  readonly #now: () => number
  readonly #log: (message: string) => void
  readonly #changes = new WriteQueue()
  #favourites: Promise<FavouriteTarget[]> | undefined

  constructor(options: FavouritesStoreOptions) {
    this.#file = join(options.directory, 'favourites.json')
    this.#now = options.now ?? Date.now
    this.#log = options.log ?? (() => undefined)
  }

  async list(): Promise<FavouriteTarget[]> {
    return [...(await this.#all())]
  }

  /** Stars or unstars `target`; returns every favourite afterwards. A target that is not a contact id or a number is refused. */
  set(target: FavouriteTarget, starred: boolean): Promise<FavouriteTarget[]> {
    if (!isFavourite(target))
      return Promise.reject(new Error('DeskDial can star a contact or a phone number only: choose one from the list.'))
    return this.#changes.run(async () => {
      const others = (await this.#all()).filter((favourite) => !sameTarget(favourite, target))
      const next = starred ? [...others, target] : others
      await writeJsonFileAtomic(this.#file, { version: FILE_VERSION, favourites: next })
      this.#favourites = Promise.resolve(next)
      return [...next]
    })
  }

  #all(): Promise<FavouriteTarget[]> {
    this.#favourites ??= readJsonList({
      file: this.#file,
      key: 'favourites',
      isItem: isFavourite,
      fileName: 'favourites file',
      itemName: 'favourite(s)',
      now: this.#now,
      log: this.#log
    })
    return this.#favourites
  }
}
