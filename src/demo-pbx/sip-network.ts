/**
 * The demo phone system's sockets: one UDP socket and one TCP listener on the same host and port.
 * Messages are framed (a datagram each; Content-Length on TCP streams), parsed and handed up with
 * the flow they came on, so that answers and later requests go back the same way. Bounded:
 * oversized messages and streams are dropped, and at most MAX_CONNECTIONS TCP connections live at once.
 */
import dgram from 'node:dgram'
import net from 'node:net'
import { MalformedSipError, MAX_MESSAGE_BYTES, parseSipMessage, serialize, type SipMessage } from './sip-message'

export type DemoTransport = 'udp' | 'tcp'

/** Where a message came from, or where one goes: an address, and for TCP the connection to use. */
export interface Flow {
  transport: DemoTransport
  address: string
  port: number
  connection?: net.Socket
}

export interface SipNetworkHandlers {
  message(message: SipMessage, flow: Flow): void
  malformed(error: MalformedSipError, flow: Flow): void
  log(line: string): void
}

export const MAX_CONNECTIONS = 256
const IDLE_CONNECTION_MS = 15 * 60_000
const BIND_ATTEMPTS = 20

export function describeFlow(flow: Flow): string {
  return `${flow.transport.toUpperCase()} ${flow.address}:${flow.port}`
}

/** A socket that failed to bind is closed already, and closing it again throws. */
function closeQuietly(close: () => void, closed: () => void): void {
  try {
    close()
  } catch {
    closed()
  }
}

export class SipNetwork {
  readonly #handlers: SipNetworkHandlers
  #udp: dgram.Socket | undefined
  #tcp: net.Server | undefined
  readonly #connections = new Set<net.Socket>()
  #stopped = false

  constructor(handlers: SipNetworkHandlers) {
    this.#handlers = handlers
  }

  /**
   * Binds the transports on host:port and resolves with the port. Port 0 picks a free port that is
   * free for both UDP and TCP when both are wanted.
   */
  async start(host: string, port: number, transports: readonly DemoTransport[]): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        let bound = port
        if (transports.includes('udp')) bound = await this.#bindUdp(host, bound)
        if (transports.includes('tcp')) bound = await this.#listenTcp(host, bound)
        return bound
      } catch (error) {
        await this.stop()
        this.#stopped = false
        const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        if (!(inUse && port === 0 && attempt < BIND_ATTEMPTS)) throw error
      }
    }
  }

  #bindUdp(host: string, port: number): Promise<number> {
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4')
    this.#udp = socket
    socket.on('message', (data, remote) =>
      this.#receive(data.toString('utf8'), { transport: 'udp', address: remote.address, port: remote.port })
    )
    return new Promise((resolve, reject) => {
      socket.once('error', reject)
      socket.bind(port, host, () => {
        socket.off('error', reject)
        socket.on('error', (error) => this.#handlers.log(`UDP socket error: ${error.message}`))
        resolve(socket.address().port)
      })
    })
  }

  #listenTcp(host: string, port: number): Promise<number> {
    const server = net.createServer((socket) => this.#adopt(socket))
    this.#tcp = server
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve((server.address() as net.AddressInfo).port)
      })
    })
  }

  /** Reads SIP messages off a TCP connection (accepted or opened by us). */
  #adopt(socket: net.Socket): void {
    if (this.#connections.size >= MAX_CONNECTIONS || this.#stopped) {
      this.#handlers.log(
        `TCP connection from ${socket.remoteAddress}:${socket.remotePort} refused: ${MAX_CONNECTIONS} connections are open already`
      )
      socket.destroy()
      return
    }
    this.#connections.add(socket)
    socket.setTimeout(IDLE_CONNECTION_MS, () => socket.destroy())
    socket.on('close', () => this.#connections.delete(socket))
    socket.on('error', () => socket.destroy())
    let buffer = ''
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8')
      const flow: Flow = {
        transport: 'tcp',
        address: socket.remoteAddress ?? '',
        port: socket.remotePort ?? 0,
        connection: socket
      }
      for (;;) {
        // RFC 5626 keep-alive: a double CRLF is answered with a single one; stray CRLFs are skipped.
        const keepAlive = /^(\r\n)+/.exec(buffer)
        if (keepAlive) {
          if (keepAlive[0].length >= 4) socket.write('\r\n')
          buffer = buffer.slice(keepAlive[0].length)
        }
        const end = buffer.indexOf('\r\n\r\n')
        if (end < 0) break
        const length = /\r\n(?:content-length|l)[ \t]*:[ \t]*(\d+)/i.exec(buffer.slice(0, end))
        const total = end + 4 + (length ? Number(length[1]) : 0)
        if (total > MAX_MESSAGE_BYTES) break
        if (Buffer.byteLength(buffer) < total) break
        const text = buffer.slice(0, total)
        buffer = buffer.slice(total)
        this.#receive(text, flow)
      }
      if (Buffer.byteLength(buffer) > MAX_MESSAGE_BYTES) {
        this.#handlers.log(
          `TCP ${flow.address}:${flow.port} sent more than ${MAX_MESSAGE_BYTES} bytes without a complete SIP message: connection closed`
        )
        socket.destroy()
      }
    })
  }

  #receive(text: string, flow: Flow): void {
    if (/^\s*$/.test(text)) return
    if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
      this.#handlers.log(`${describeFlow(flow)}: dropped a message of more than ${MAX_MESSAGE_BYTES} bytes`)
      return
    }
    let message: SipMessage
    try {
      message = parseSipMessage(text)
    } catch (error) {
      if (!(error instanceof MalformedSipError)) throw error
      this.#handlers.malformed(error, flow)
      return
    }
    this.#handlers.message(message, flow)
  }

  /** Sends on the flow; for TCP without a live connection, opens one to the flow's address. */
  send(message: SipMessage, flow: Flow): void {
    if (this.#stopped) return
    const data = serialize(message)
    if (flow.transport === 'udp') {
      this.#udp?.send(data, flow.port, flow.address)
      return
    }
    const open = flow.connection && !flow.connection.destroyed ? flow.connection : this.#connectionTo(flow)
    if (!open) {
      this.#handlers.log(
        `TCP ${flow.address}:${flow.port}: no connection (${MAX_CONNECTIONS} open already); message not sent`
      )
      return
    }
    flow.connection = open
    open.write(data)
  }

  #connectionTo(flow: Flow): net.Socket | undefined {
    for (const socket of this.#connections) {
      if (!socket.destroyed && socket.remoteAddress === flow.address && socket.remotePort === flow.port) return socket
    }
    if (this.#connections.size >= MAX_CONNECTIONS) return undefined
    const socket = net.connect({ host: flow.address, port: flow.port })
    this.#adopt(socket)
    return socket
  }

  /** Closes every socket; safe to call twice. */
  async stop(): Promise<void> {
    this.#stopped = true
    for (const socket of this.#connections) socket.destroy()
    this.#connections.clear()
    const udp = this.#udp
    const tcp = this.#tcp
    this.#udp = undefined
    this.#tcp = undefined
    await Promise.all([
      udp ? new Promise<void>((resolve) => closeQuietly(() => udp.close(() => resolve()), resolve)) : undefined,
      tcp ? new Promise<void>((resolve) => tcp.close(() => resolve())) : undefined
    ])
  }
}
