/**
 * The virtual phones' special numbers: one table that `deskdial demo-pbx --help`, the README and
 * the tests all read, so that every failure sentence of DeskDial can be seen on purpose.
 * Any other number without a registered phone is a virtual phone that answers.
 */
export interface SpecialNumber {
  number: string
  /** What the virtual phone does, in words for `--help` and the README. */
  behaviour: string
  /** The final SIP status it ends with. */
  status: number
  reason: string
  /** Whether it rings first: an unanswered phone rings until the phone system gives up and cancels. */
  rings: boolean
}

export const SPECIAL_NUMBERS: readonly SpecialNumber[] = [
  { number: '486', behaviour: 'is busy', status: 486, reason: 'Busy Here', rings: false },
  {
    number: '487',
    behaviour: 'rings, nobody answers; the call is cancelled after the ring time',
    status: 487,
    reason: 'Request Terminated',
    rings: true
  },
  { number: '404', behaviour: 'does not exist', status: 404, reason: 'Not Found', rings: false },
  { number: '403', behaviour: 'refuses the call', status: 403, reason: 'Forbidden', rings: false },
  {
    number: '1099',
    behaviour: 'calls you back: a few seconds later your desk phone rings from 1003, a virtual colleague',
    status: 200,
    reason: 'OK',
    rings: false
  }
]

export function specialNumber(number: string): SpecialNumber | undefined {
  return SPECIAL_NUMBERS.find((entry) => entry.number === number)
}

/** The special numbers as lines of text, for `--help` and logs. */
export function describeSpecialNumbers(indent = '  '): string {
  return SPECIAL_NUMBERS.map(
    (entry) => `${indent}${entry.number.padEnd(6)}${entry.behaviour} (SIP ${entry.status})`
  ).join('\n')
}
