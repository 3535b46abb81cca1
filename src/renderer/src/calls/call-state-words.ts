import type { CallState } from '../../../shared/call-progress'

/** A short label per state for the badge; the full sentence comes from the main process. */
export const CALL_STATE_LABEL: Record<CallState, string> = {
  requesting: 'Contacting',
  trying: 'Desk phone ringing',
  ringing: 'Calling',
  connected: 'Connected',
  failed: 'Failed'
}
