import { contactDraftSchema, type Contact } from '../../shared/contact'
import { withoutUndefined } from '../../shared/form-fields'

export type ContactCheck = { ok: true; contact: Omit<Contact, 'id'> } | { ok: false; error: string; field: string }

/**
 * Checks a contact as typed by a person (or sent over IPC, or read from the file) and returns it
 * trimmed. `field` names what to fix first: "name", "company", "numbers" or "numbers.<index>".
 */
export function checkContactDraft(draft: unknown): ContactCheck {
  const parsed = contactDraftSchema.safeParse(draft)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path ?? []
    return {
      ok: false,
      error: issue?.message ?? 'The contact is missing.',
      field: path.length > 0 ? path.slice(0, 2).join('.') : 'name'
    }
  }
  const { id: _id, ...contact } = withoutUndefined(parsed.data)
  return { ok: true, contact }
}
