/**
 * A phone system on loopback UDP that counts the click-to-dial REFERs reaching it (by Call-ID, so
 * retransmissions count once). It refuses each with 403 so the call ends at once, except REFERs
 * whose Refer-To contains `keepNumber`: those get a 202 and no NOTIFY, a call left in progress.
 */
import dgram from 'node:dgram'

export interface ReferCountingPeer {
  readonly port: number
  /** The Refer-To of each distinct REFER received, in order. */
  readonly referTargets: readonly string[]
  close(): Promise<void>
}

function header(message: string, name: string): string | undefined {
  return new RegExp(`^${name}\\s*:\\s*(.*)$`, 'im').exec(message)?.[1]?.trim()
}

export async function startReferCountingPeer(keepNumber: string): Promise<ReferCountingPeer> {
  const socket = dgram.createSocket('udp4')
  await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', resolve))
  const seen = new Set<string>()
  const referTargets: string[] = []
  socket.on('message', (datagram, from) => {
    const message = datagram.toString('utf8')
    if (!message.startsWith('REFER ')) return
    const callId = header(message, 'Call-ID') ?? ''
    const referTo = header(message, 'Refer-To') ?? ''
    if (!seen.has(callId)) {
      seen.add(callId)
      referTargets.push(referTo)
    }
    const status = referTo.includes(keepNumber) ? '202 Accepted' : '403 Forbidden'
    const copied = ['Via', 'From', 'To', 'Call-ID', 'CSeq'].map((name) => `${name}: ${header(message, name) ?? ''}`)
    const to = copied[2].includes(';tag=') ? copied[2] : `${copied[2]};tag=peer`
    const response = [
      `SIP/2.0 ${status}`,
      copied[0],
      copied[1],
      to,
      copied[3],
      copied[4],
      'Content-Length: 0',
      '',
      ''
    ].join('\r\n')
    socket.send(response, from.port, from.address)
  })
  return {
    port: socket.address().port,
    referTargets,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve()))
  }
}
