/** A watched desk phone's line as the window shows it: a dot beside a person, the status line for the user's own. */

/** idle; ringing (an incoming call alerting); dialing (an outgoing call not answered yet); in-call (confirmed); unknown (not watchable, refused, unregistered). */
export type LineState = 'idle' | 'ringing' | 'dialing' | 'in-call' | 'unknown'

export type CallDirection = 'incoming' | 'outgoing'

/** The `lineState` event: one watched line's state now. */
export interface LineStatus {
  /** The number as the window asked for it (`showLines`), or the desk phone's number (`account.line`). */
  number: string
  state: LineState
  /** The other party's number (the user part of its identity), when the phone system names it. */
  remote?: string
  /** The other party's display name, when the phone system gives one. */
  remoteName?: string
  direction?: CallDirection
}
