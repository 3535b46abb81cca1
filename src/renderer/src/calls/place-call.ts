import { errorText } from '../common/error-text'
import type { DialPreview } from '../../../shared/ipc-contract'

export type PlacedCall =
  { ok: true; callId: string; preview: Extract<DialPreview, { ok: true }> } | { ok: false; error: string }

/** Every dial goes the same way: the main process applies the dial plan first, then sends the REFER. */
export async function placeCall(target: string, contactId?: string): Promise<PlacedCall> {
  try {
    const preview = await window.deskdial.previewDial(target)
    if (!preview.ok) return { ok: false, error: preview.error }
    const result = await window.deskdial.dial({ target, contactId: contactId ?? preview.contact?.id })
    if (!result.ok) return { ok: false, error: result.error }
    return { ok: true, callId: result.callId, preview }
  } catch (error) {
    return { ok: false, error: `DeskDial could not start the call: ${errorText(error)}` }
  }
}
