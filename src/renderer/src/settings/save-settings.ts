import type { SettingsView } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'
import { fieldOfError, inputId, updateFrom, type SettingsDraft, type SettingsField } from './settings-draft'

export interface SaveError {
  message: string
  /** The field the error belongs to; undefined shows it above the form. */
  field?: SettingsField
}

export type SaveOutcome = { ok: true; view: SettingsView } | { ok: false; error: SaveError }

/** An error for `field` (as the main process names it), with the focus moved to that field so the user lands on it. */
export function fieldError(field: string | undefined, message: string): SaveError {
  const known = fieldOfError(field)
  if (known) document.getElementById(inputId(known))?.focus()
  return { message, field: known }
}

/** Saves the form; on a field error, moves the focus to that field so the user lands on it. */
export async function saveSettings(draft: SettingsDraft): Promise<SaveOutcome> {
  try {
    const result = await window.deskdial.saveSettings(updateFrom(draft))
    if (result.ok) return { ok: true, view: result.view }
    return { ok: false, error: fieldError(result.field, result.error) }
  } catch (thrown) {
    return { ok: false, error: { message: `The settings could not be saved: ${errorText(thrown)}` } }
  }
}
