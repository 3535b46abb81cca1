/** What DeskDial tells people about a watched line, and how a dialog's state ranks. */

import type { CallDirection, LineState, LineStatus } from '../../shared/line-state'

export type { CallDirection, LineState, LineStatus }

/** RFC 4235 dialog states, lower case. */
export type DialogState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated'

/** One dialog of a watched line, as a dialog-info document describes it. */
export interface LineDialog {
  id: string
  state: DialogState
  direction?: CallDirection
  remote?: string
  remoteName?: string
}

const BUSYNESS: Record<LineState, number> = { unknown: 0, idle: 1, dialing: 2, ringing: 3, 'in-call': 4 }

function dialogLineState(dialog: LineDialog): LineState {
  if (dialog.state === 'terminated') return 'idle'
  if (dialog.state === 'confirmed') return 'in-call'
  return dialog.direction === 'incoming' ? 'ringing' : 'dialing'
}

/** A line is as busy as its busiest dialog; no dialog at all is idle. */
export function lineStatusOf(number: string, dialogs: Iterable<LineDialog>): LineStatus {
  let status: LineStatus = { number, state: 'idle' }
  for (const dialog of dialogs) {
    const state = dialogLineState(dialog)
    if (BUSYNESS[state] <= BUSYNESS[status.state]) continue
    status = {
      number,
      state,
      ...(dialog.remote !== undefined && { remote: dialog.remote }),
      ...(dialog.remoteName !== undefined && { remoteName: dialog.remoteName }),
      ...(dialog.direction !== undefined && { direction: dialog.direction })
    }
  }
  return status
}

/** The user part of a SIP identity as real servers write it (`sip:1001@host:5070;transport=udp`, `<sip:…>`, `tel:+49…`). */
export function userPartOf(identity: string): string | undefined {
  const uri = identity.trim().replace(/^<|>$/g, '')
  const match = /^(?:sips?|tel):([^@;?>]+)/i.exec(uri)
  const user = match?.[1]?.trim()
  if (!user) return undefined
  try {
    return decodeURIComponent(user)
  } catch {
    return user
  }
}
