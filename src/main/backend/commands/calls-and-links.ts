import type { AppStatus, CallCommands } from '../../../shared/ipc-contract'
import { looksLikePhoneNumber } from '../../dial/phone-number-search'
import type { BackendParts } from '../backend-parts'
import { dialPreviewed, previewDial } from '../dialling'

/** Calls and links: placing and following calls, the links from other applications, the call history. */
export function callsAndLinks(parts: BackendParts): CallCommands {
  const { options } = parts
  return {
    async getStatus() {
      const status: AppStatus = {
        registration: parts.supervisor.registration,
        calls: parts.calls.calls,
        pendingLinks: parts.links.pending,
        lines: parts.lineWatch.known
      }
      const deskPhone = parts.deskPhone.status
      if (deskPhone) status.deskPhone = deskPhone
      if (parts.hotkeyProblem) status.hotkeyProblem = parts.hotkeyProblem
      return status
    },
    previewDial: (target) => previewDial(parts, target),
    async dial(request) {
      const preview = await previewDial(parts, request.target)
      if (!preview.ok) return { ok: false, error: preview.error }
      return dialPreviewed(parts, preview, request.contactId)
    },
    async dismissCall(callId) {
      parts.calls.dismiss(callId)
    },
    confirmLink: (linkId) => parts.links.confirm(linkId),
    async rejectLink(linkId) {
      parts.links.reject(linkId)
    },
    listHistory: () => options.history.list(),
    async clearHistory() {
      await options.history.clear()
      await parts.directory.usageChanged()
    },
    async clipboardNumber() {
      const text = await options.readClipboardText?.()
      return text === undefined ? undefined : looksLikePhoneNumber(text)
    },
    async selectionNumber() {
      const text = await options.readSelectionText?.()
      return text === undefined ? undefined : looksLikePhoneNumber(text)
    }
  }
}
