/**
 * A phone system that never answers: a UDP socket and a TCP listener on the same loopback port
 * that take everything and reply nothing, keeping the UDP datagrams (so a test can assert the client
 * retransmitted) and counting TCP connections.
 */
import dgram from 'node:dgram'
import net from 'node:net'

export interface SilentPeer {
  readonly port: number
  /** Every UDP datagram received, as text. */
  readonly datagrams: readonly string[]
  /** TCP connections accepted. */
  readonly connections: number
  close(): Promise<void>
}

async function bindBoth(port: number): Promise<{ udp: dgram.Socket; tcp: net.Server }> {
  const udp = dgram.createSocket('udp4')
  await new Promise<void>((resolve, reject) => udp.once('error', reject).bind(port, '127.0.0.1', resolve))
  const tcp = net.createServer()
  try {
    await new Promise<void>((resolve, reject) =>
      tcp.once('error', reject).listen(udp.address().port, '127.0.0.1', resolve)
    )
  } catch (error) {
    await new Promise<void>((resolve) => udp.close(() => resolve()))
    throw error
  }
  return { udp, tcp }
}

export async function startSilentPeer(): Promise<SilentPeer> {
  // The UDP port picked by the kernel may be taken for TCP: try a few.
  let bound: { udp: dgram.Socket; tcp: net.Server } | undefined
  for (let attempt = 0; !bound; attempt++) {
    try {
      bound = await bindBoth(0)
    } catch (error) {
      if (attempt >= 5) throw error
    }
  }
  const { udp, tcp } = bound
  const datagrams: string[] = []
  const sockets = new Set<net.Socket>()
  let connections = 0
  udp.on('message', (datagram) => datagrams.push(datagram.toString('latin1')))
  tcp.on('connection', (socket) => {
    connections++
    sockets.add(socket)
    socket.resume()
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  })
  return {
    port: udp.address().port,
    datagrams,
    get connections() {
      return connections
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve()))
      ])
    }
  }
}
