/**
 * The progress of one click-to-dial call, as the user sees it.
 *
 * ```
 * requesting --202/sipfrag 100--> trying --sipfrag 18x--> ringing --sipfrag 2xx--> connected
 *      \                             \                       \
 *       +--------------------------- failed (code + a sentence for people) -----------+
 * ```
 * `connected` and `failed` are final: no further progress arrives for that call.
 */
export const CALL_STATES = ['requesting', 'trying', 'ringing', 'connected', 'failed'] as const

export type CallState = (typeof CALL_STATES)[number]

export interface CallProgress {
  /** The dial's id: the Call-ID of its REFER. */
  id: string
  /** What the user asked to call, as they typed or clicked it. */
  target: string
  state: CallState
  /** The SIP status behind this state (REFER response or sipfrag status line), when there is one. */
  code?: number
  /** A sentence for a person: what is happening or what went wrong. */
  reason: string
  /** Milliseconds since the epoch. */
  at: number
  /** The web site the call was clicked on in the browser, e.g. "crm.example.com". */
  from?: string
}

export const FINAL_CALL_STATES: readonly CallState[] = ['connected', 'failed']

export function isFinalCallState(state: CallState): boolean {
  return FINAL_CALL_STATES.includes(state)
}
