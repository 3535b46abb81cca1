import type { CallState } from './call-progress'

/** One call in the history, as it ended (or as far as DeskDial could follow it). */
export interface CallRecord {
  /** The dial's id (its REFER's Call-ID). */
  id: string
  target: string
  /** What was actually sent to the phone system after the dial plan. */
  dialString: string
  contactName?: string
  startedAt: number
  state: CallState
  code?: number
  reason: string
}
