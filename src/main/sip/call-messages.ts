/**
 * The words a person reads for each step and failure of a click-to-dial call
 * (the mapping table of the protocol brief). SIP codes stay in logs and in `code`.
 */
export const CALL_MESSAGES = {
  requesting: 'Contacting the phone system...',
  trying: 'Ringing your desk phone — pick it up',
  ringing: (target: string) => `Calling ${target}...`,
  connected: 'Connected: talk on your desk phone',
  noAnswerFromServer:
    'The phone system did not answer (check the server address and network; a Cisco CME silently drops requests from a PC that is not registered and not in its "ip address trusted list")',
  wrongCredentials: 'Wrong user name or password',
  subscriptionSilent:
    'The phone system accepted the call but reported no progress. Check your desk phone; the call may not have been placed.',
  subscriptionEndedWithoutResult: 'The phone system stopped reporting progress before the call was connected.',
  connectionLost: 'The connection to the phone system was lost during the call setup.'
} as const

/** Why the phone system refused the REFER itself. */
export function referRefusedReason(code: number): string {
  switch (code) {
    case 401:
    case 407:
      return CALL_MESSAGES.wrongCredentials
    case 403:
      return 'The phone system refused the call (click-to-dial not allowed for this account)'
    case 404:
    case 480:
      return 'Your desk phone is not registered with the phone system'
    case 405:
    case 501:
      return 'This phone system does not accept click-to-dial (out-of-dialog REFER is disabled)'
    case 408:
      return CALL_MESSAGES.noAnswerFromServer
    case 400:
      return 'The phone system could not understand the request (400). Check the desk phone line and domain in settings.'
    case 484:
      return 'The number is incomplete'
    case 486:
    case 600:
      return 'Your desk phone is busy'
    case 503:
      return 'The phone system is unavailable right now (503). Try again in a moment.'
    default:
      return `The phone system refused the call (SIP ${code}).`
  }
}

/** Why the call to the target failed, from the final sipfrag status line in a NOTIFY. */
export function callFailedReason(code: number): string {
  switch (code) {
    case 486:
    case 600:
      return 'The number is busy'
    case 404:
    case 604:
      return 'The number does not exist'
    case 484:
      return 'The number is incomplete'
    case 487:
    case 408:
    case 480:
      return 'Nobody answered'
    case 603:
      return 'The call was declined'
    case 403:
      return 'The phone system is not allowed to call this number'
    case 503:
      return 'No line is free to place the call right now. Try again in a moment.'
    default:
      return `The call could not be connected (SIP ${code}).`
  }
}

/** Registration failures, in words. */
export function registrationFailedReason(code: number): string {
  switch (code) {
    case 401:
    case 407:
    case 403:
      return 'Wrong user name or password'
    case 404:
      return 'The phone system does not know this account. Check the user name and domain.'
    case 408:
      return 'The phone system did not answer (check the server address and network)'
    case 503:
      return 'The phone system is unavailable right now.'
    default:
      return `The phone system refused the registration (SIP ${code}).`
  }
}
