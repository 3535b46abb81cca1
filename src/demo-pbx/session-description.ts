/**
 * SDP for virtual phones (RFC 4566, offer/answer of RFC 3264). A virtual phone sends no audio: its
 * media line points at the discard port, so a real phone connected to it plays to nowhere.
 */
const DISCARD_PORT = 9

function sessionHeader(host: string): string[] {
  const id = Date.now()
  return ['v=0', `o=- ${id} ${id} IN IP4 ${host}`, 's=DeskDial demo phone', `c=IN IP4 ${host}`, 't=0 0']
}

/** A virtual phone's offer: audio in G.711 µ-law or A-law. */
export function virtualOffer(host: string): string {
  return [
    ...sessionHeader(host),
    `m=audio ${DISCARD_PORT} RTP/AVP 0 8`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=sendrecv',
    ''
  ].join('\r\n')
}

/**
 * A virtual phone's answer to an offer: every media line accepted with the offer's first format,
 * so the answer has as many m= lines as the offer, in the same order (RFC 3264 §6).
 */
export function virtualAnswer(offer: string, host: string): string {
  const lines = [...sessionHeader(host)]
  const offerLines = offer.split(/\r?\n/)
  for (const line of offerLines) {
    const media = /^m=(\S+) \d+(?:\/\d+)? (\S+) (\S+)/.exec(line)
    if (!media) continue
    lines.push(`m=${media[1]} ${DISCARD_PORT} ${media[2]} ${media[3]}`)
    const rtpmap = offerLines.find((candidate) => candidate.startsWith(`a=rtpmap:${media[3]} `))
    if (rtpmap) lines.push(rtpmap)
    lines.push('a=sendrecv')
  }
  lines.push('')
  return lines.join('\r\n')
}

/** Whether a body holds a session description with at least one media line. */
export function hasMedia(body: string): boolean {
  return /^m=/m.test(body)
}
