/**
 * The methods DeskDial handles, named once for every `Allow` it writes: in its REGISTER, its
 * answer to OPTIONS and its 405s. INVITE and its companions are handled by declining (DeskDial
 * never takes a call), NOTIFY carries the progress of its REFERs, OPTIONS is a ping.
 */
export const ALLOWED_METHODS = ['INVITE', 'ACK', 'CANCEL', 'BYE', 'NOTIFY', 'OPTIONS'] as const

/** `Allow: INVITE, ACK, ...` (RFC 3261 20.5). */
export const ALLOW_HEADER = `Allow: ${ALLOWED_METHODS.join(', ')}`
