import type { FavouriteTarget } from '../../../shared/directory-search'

/** A result's star: favourites rank first. A button, so Tab reaches it and Space or Enter toggles it. */
export function StarButton({ name, starred, onToggle }: { name: string; starred: boolean; onToggle(): void }) {
  return (
    <button
      type="button"
      className={`star-button${starred ? ' starred' : ''}`}
      aria-pressed={starred}
      aria-label={`Favourite: ${name}`}
      title={starred ? 'Remove from favourites (Ctrl+D)' : 'Add to favourites (Ctrl+D)'}
      onMouseDown={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
      onClick={(event) => {
        event.stopPropagation()
        onToggle()
      }}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {starred ? '★' : '☆'}
    </button>
  )
}

/** What starring a result marks: the contact itself, or the number with the name it was found under. */
export function favouriteTarget(result: { contactId?: string; number: string; name: string }): FavouriteTarget {
  return result.contactId !== undefined ? { contactId: result.contactId } : { number: result.number, name: result.name }
}
