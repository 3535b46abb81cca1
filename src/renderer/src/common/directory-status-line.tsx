import type { DirectoryStatus } from '../../../shared/directory-search'

/** The company directory's state under a search: searching, slow, not reachable, or how many people it holds. */
export function DirectoryStatusLine({ status }: { status: DirectoryStatus }) {
  if (status.message === '') return null
  const trouble = status.state === 'unreachable' || status.state === 'slow'
  return (
    <p className={`directory-status state-${status.state}`} role="status" data-testid="directory-status">
      {trouble && <span aria-hidden="true">⚠ </span>}
      {status.message}
    </p>
  )
}
