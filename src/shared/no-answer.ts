/**
 * The SIP codes that stand for "nothing answered" when DeskDial makes them up itself: 408 when a
 * request timed out, 503 when the transport failed (RFC 3261 §8.1.3.1). They move DeskDial to the
 * next server and make the CLI exit with "could not be reached".
 */
export function meansNoAnswer(code: number | undefined): boolean {
  return code === 408 || code === 503
}
