import { isAccountConfigured } from '../../shared/account-settings'
import type { AppSettings } from '../../shared/app-settings'
import type { DialPreview, DialResult } from '../../shared/ipc-contract'
import type { ContactStore } from '../contacts/contact-store'
import { planDial } from '../dial/dial-plan'
import type { CallTracker } from './call-tracker'
import { demoDialPlan } from './demo-mode'
import type { ServiceSupervisor } from './service-supervisor'

const MAX_TARGET_LENGTH = 256

/** What dialling needs of the backend's parts (see {@link BackendParts}). */
export interface DiallingParts {
  readonly current: AppSettings
  readonly options: { readonly contacts: ContactStore }
  readonly firstConnection: Promise<void>
  readonly supervisor: ServiceSupervisor
  readonly calls: CallTracker
  readonly now: () => number
}

/** What dialling `target` would send, and to whom, or why it cannot be dialled; dials nothing. */
export async function previewDial(parts: DiallingParts, target: string): Promise<DialPreview> {
  const text = target.trim()
  if (text === '') return { ok: false, target, error: 'Enter a number or a name to call.' }
  if (text.length > MAX_TARGET_LENGTH)
    return {
      ok: false,
      target,
      error: `That is too long for a phone number: at most ${MAX_TARGET_LENGTH} characters.`
    }
  const { dialPlan, demo } = parts.current
  const plan = planDial(text, demo ? demoDialPlan(text, dialPlan) : dialPlan)
  if (!plan.ok) return { ok: false, target, error: plan.error }
  const preview: DialPreview = {
    ok: true,
    target: text,
    dialString: plan.dialString,
    display: `Calling ${plan.display}`
  }
  const match = await parts.options.contacts.findByNumber(text, dialPlan.country)
  if (match) preview.contact = { id: match.contact.id, name: match.contact.name, label: match.label }
  return preview
}

/** Places the call exactly as `preview` shows it: its dial string is sent as it is. */
export async function dialPreviewed(
  parts: DiallingParts,
  preview: Extract<DialPreview, { ok: true }>,
  contactId?: string
): Promise<DialResult> {
  const chosen = contactId === undefined ? undefined : await parts.options.contacts.get(contactId)
  const contactName = chosen?.name ?? preview.contact?.name
  // A link that launched DeskDial is dialled once the connection is up (or has failed), not refused for being early.
  await parts.firstConnection
  const service = parts.supervisor.service
  if (!service) return { ok: false, error: notConnectedSentence(parts) }
  try {
    const first = parts.calls.dial(service, {
      target: preview.target,
      dialString: preview.dialString,
      startedAt: parts.now(),
      ...(contactName === undefined ? {} : { contactName }),
      ...(preview.from === undefined ? {} : { from: preview.from })
    })
    return { ok: true, callId: first.id, dialString: preview.dialString }
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
}

function notConnectedSentence(parts: DiallingParts): string {
  return isAccountConfigured(parts.current.account)
    ? `DeskDial is not connected to your phone system: ${parts.supervisor.registration.reason}`
    : 'DeskDial is not set up yet: enter your phone system account in Settings.'
}
