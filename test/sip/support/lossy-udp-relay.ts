/**
 * A UDP relay on 127.0.0.1 between one client and a UDP server (SIPp) that can drop chosen
 * datagrams, records what it relayed, and can send datagrams of its own to the client from the
 * address the client talks to (the client only accepts datagrams from its server's address).
 */
import dgram from 'node:dgram'

export type RelayDirection = 'toServer' | 'toClient'

/** Returns true for a datagram that must be dropped. */
export type DropRule = (datagram: Buffer, direction: RelayDirection) => boolean

export interface RelayedDatagram {
  direction: RelayDirection
  text: string
  dropped: boolean
}

export interface LossyUdpRelay {
  /** Where the client sends (its configured server port). */
  readonly port: number
  /** Every datagram the relay got from either side, in order. */
  readonly log: readonly RelayedDatagram[]
  /** Datagrams sent with sendToClient. */
  readonly injected: number
  setDropRule(rule: DropRule): void
  /** Sends a datagram to the client from the relay's client-facing socket. Needs a datagram from the client first. */
  sendToClient(datagram: Buffer): Promise<void>
  close(): Promise<void>
}

/** A rule that drops the first datagram matching `predicate` in `direction`, and nothing else. */
export function dropFirst(direction: RelayDirection, predicate: (text: string) => boolean): DropRule {
  let done = false
  return (datagram, dir) => {
    if (done || dir !== direction || !predicate(datagram.toString('latin1'))) return false
    done = true
    return true
  }
}

/** Whether a SIP message is a request with this method. */
export function isRequest(method: string): (text: string) => boolean {
  return (text) => text.startsWith(`${method} `)
}

export const dropNothing: DropRule = () => false

async function bindLoopback(socket: dgram.Socket): Promise<number> {
  await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', resolve))
  return socket.address().port
}

export async function startLossyUdpRelay(serverPort: number, rule: DropRule = dropNothing): Promise<LossyUdpRelay> {
  const clientFacing = dgram.createSocket('udp4')
  const serverFacing = dgram.createSocket('udp4')
  const port = await bindLoopback(clientFacing)
  await bindLoopback(serverFacing)
  const log: RelayedDatagram[] = []
  let dropRule = rule
  let client: dgram.RemoteInfo | undefined
  let injected = 0

  const handle = (datagram: Buffer, direction: RelayDirection, forward: () => void): void => {
    const dropped = dropRule(datagram, direction)
    log.push({ direction, text: datagram.toString('latin1'), dropped })
    if (!dropped) forward()
  }
  clientFacing.on('message', (datagram, from) => {
    client = from
    handle(datagram, 'toServer', () => serverFacing.send(datagram, serverPort, '127.0.0.1'))
  })
  serverFacing.on('message', (datagram) => {
    const to = client
    if (to) handle(datagram, 'toClient', () => clientFacing.send(datagram, to.port, to.address))
  })
  // A closed peer makes sends fail with ICMP errors on some systems: a relay never crashes the test for that.
  clientFacing.on('error', () => undefined)
  serverFacing.on('error', () => undefined)

  return {
    port,
    log,
    get injected() {
      return injected
    },
    setDropRule(next) {
      dropRule = next
    },
    async sendToClient(datagram) {
      const to = client
      if (!to) throw new Error('The relay has not heard from the client yet: it does not know where to send.')
      await new Promise<void>((resolve, reject) =>
        clientFacing.send(datagram, to.port, to.address, (error) => (error ? reject(error) : resolve()))
      )
      injected++
    },
    async close() {
      await Promise.all([
        new Promise<void>((resolve) => clientFacing.close(() => resolve())),
        new Promise<void>((resolve) => serverFacing.close(() => resolve()))
      ])
    }
  }
}
