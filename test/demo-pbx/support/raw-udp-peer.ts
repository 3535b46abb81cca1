/** A SIP peer of raw loopback UDP for the demo phone system's tests: it sends what a test writes and keeps what arrives. */
import dgram from 'node:dgram'
import { Waiters } from '../../sip/support/waiters'

export interface RawPeer {
  port: number
  received: string[]
  send(text: string): void
  /** Resolves with the first message received (so far or later) that matches. */
  next(match: (message: string) => boolean, timeoutMs?: number): Promise<string>
  close(): Promise<void>
}

/** With `answerNotifies`, every NOTIFY is answered 200 at once, as a watcher does. */
export async function rawUdpPeer(pbxPort: number, options: { answerNotifies?: boolean } = {}): Promise<RawPeer> {
  const socket = dgram.createSocket('udp4')
  const received: string[] = []
  const waiters = new Waiters()
  socket.on('message', (data) => {
    const text = data.toString()
    received.push(text)
    if (options.answerNotifies && text.startsWith('NOTIFY ')) {
      const copied = text.split('\r\n').filter((line) => /^(Via|From|To|Call-ID|CSeq):/i.test(line))
      socket.send(['SIP/2.0 200 OK', ...copied, 'Content-Length: 0', '', ''].join('\r\n'), pbxPort, '127.0.0.1')
    }
    waiters.notify()
  })
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  return {
    port: socket.address().port,
    received,
    send: (text) => socket.send(text, pbxPort, '127.0.0.1'),
    next: (match, timeoutMs = 5_000) =>
      waiters.waitFor(
        () => received.find(match),
        timeoutMs,
        () => `No matching message within ${timeoutMs} ms. Received:\n${received.join('\n---\n')}`
      ),
    close: () => new Promise((resolve) => socket.close(() => resolve()))
  }
}
