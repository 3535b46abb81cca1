import type { DirectoryStatus } from '../../shared/directory-search'

/** What the window says about the company directory under the search field, in each of its states. */
export const DIRECTORY_STATUS = {
  off: { state: 'off', message: '' },
  searching: { state: 'searching', message: 'Searching the company directory…' },
  slow: {
    state: 'slow',
    message: 'Company directory is slow to answer: showing your contacts and its offline copy meanwhile.'
  }
} as const satisfies Record<string, DirectoryStatus>

export function unreachable(error: unknown): DirectoryStatus {
  return {
    state: 'unreachable',
    message: `Company directory not reachable: ${(error as Error).message} Showing your contacts and its offline copy.`
  }
}

export function ready(entries: number): DirectoryStatus {
  return { state: 'ready', message: `Company directory: ${entries.toLocaleString('en')} people available offline.` }
}

export function refreshing(count?: number): DirectoryStatus {
  const message = 'Copying the company directory for offline use…'
  return {
    state: 'refreshing',
    message: count === undefined ? message : `${message} ${count.toLocaleString('en')} people so far.`
  }
}
