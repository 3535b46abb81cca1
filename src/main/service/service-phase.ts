/**
 * Where the DeskDial service stands with the phone system's servers.
 *
 * ```
 * stopped --start()--> connecting --a server answered--> serving <---------------------------+
 *    ^                     |                               |  \                               |
 *    |                     | no server answered            |   +--the first server answers---> moving-back
 *    +---------------------+                               |      again (fallback, no call)     |
 *    |                                                     | stop()                             | stop()
 *    +-------- stopping <------------------------------------+-------------------------------------+
 * ```
 * `connecting` may also be left by stop() (to `stopping`). While `serving`, failover to another
 * server happens inside the phase (the REGISTER retries or, without registration, an unanswered
 * REFER move the endpoint); dials are taken only while `serving`.
 */
export type ServicePhase = 'stopped' | 'connecting' | 'serving' | 'moving-back' | 'stopping'

const MOVES: Readonly<Record<ServicePhase, readonly ServicePhase[]>> = {
  stopped: ['connecting'],
  connecting: ['serving', 'stopped', 'stopping'],
  serving: ['moving-back', 'stopping'],
  'moving-back': ['serving', 'stopping'],
  stopping: ['stopped']
}

/** Whether the diagram has an arrow from `from` to `to`. */
export function canMoveServicePhase(from: ServicePhase, to: ServicePhase): boolean {
  return MOVES[from].includes(to)
}
