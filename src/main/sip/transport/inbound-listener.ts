import { once } from 'node:events'
import net from 'node:net'
import { ResponseRoutes } from './response-routes'
import { readStartLine } from './sip-message-head'
import { readSipStream } from './stream-reader'
import { formatSentBy } from './via-rewriter'

export interface InboundListenerOptions {
  /** Where to listen: the outgoing connection's local address, so the phone system can route to it. */
  localAddress: string
  /** The phone system's IP as the outgoing connection resolved it: the only peer allowed to connect. */
  serverAddress: string
  /** `host:port` of the phone system, for log lines. */
  remote: string
  warn(message: string): void
}

/** RFC 3261 64*T1: by then every transaction that arrived on a connection has ended. */
const TRANSACTION_LIFETIME_MS = 64 * 500
/** Connections the phone system may hold open at once; one per dialog it notifies is plenty. */
const MAX_CONNECTIONS = 16
/** Routes kept at most, across all connections. */
const MAX_ROUTES = 256

/**
 * The TCP port named in our Contact and Via: a phone system may open a new connection to it for
 * its in-dialog requests (RFC 3261 18.1.1, 18.2.2) instead of reusing ours, as some CUCM trunks do
 * for NOTIFYs. Messages from those connections go to `onMessage` like the main connection's, and
 * a response to a request that came on one goes back on it. Only the phone system's address may
 * connect, at most {@link MAX_CONNECTIONS} at a time; a connection that idles a transaction
 * lifetime or sends what cannot be SIP is closed alone, never the transport.
 */
export class InboundListener {
  private readonly options: InboundListenerOptions
  private readonly server: net.Server
  private readonly connections = new Set<net.Socket>()
  private readonly routes = new ResponseRoutes<net.Socket>({
    lifetimeMs: TRANSACTION_LIFETIME_MS,
    maxRoutes: MAX_ROUTES
  })
  /** `from` is the connection's `address:port` at the phone system. */
  private readonly onMessage: (message: string, from: string) => void
  private closed: Promise<void> | undefined

  private constructor(options: InboundListenerOptions, onMessage: (message: string, from: string) => void) {
    this.options = options
    this.onMessage = onMessage
    this.server = net.createServer((socket) => this.accept(socket))
  }

  /** Listens on an ephemeral port of `options.localAddress`; rejects when that fails. */
  static async start(
    options: InboundListenerOptions,
    onMessage: (message: string, from: string) => void
  ): Promise<InboundListener> {
    const listener = new InboundListener(options, onMessage)
    const { server } = listener
    server.listen({ host: options.localAddress, port: 0, exclusive: true })
    await once(server, 'listening')
    // Accept errors (e.g. out of file descriptors) land here; without a listener they would crash the app.
    server.on('error', (error) =>
      options.warn(`Listening for connections from the phone system at ${options.remote} failed: ${error.message}`)
    )
    return listener
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port
  }

  /** The connection a response must go back on, or undefined when its request did not come on one of ours. */
  connectionFor(message: string): net.Socket | undefined {
    return readStartLine(message)?.kind === 'response' ? this.routes.find(message) : undefined
  }

  /** Stops listening and closes every accepted connection. Never rejects; safe to call more than once. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      for (const socket of this.connections) socket.destroy()
    })
    return this.closed
  }

  private accept(socket: net.Socket): void {
    const { serverAddress, remote, warn } = this.options
    const from = formatSentBy(socket.remoteAddress ?? '?', socket.remotePort ?? 0)
    if (socket.remoteAddress !== serverAddress) {
      socket.destroy()
      warn(`Refused a TCP connection from ${from}: only the phone system at ${remote} may connect.`)
      return
    }
    if (this.connections.size >= MAX_CONNECTIONS) {
      socket.destroy()
      warn(
        `Refused a TCP connection from ${from}: the phone system already has ${MAX_CONNECTIONS} connections open to DeskDial.`
      )
      return
    }
    this.connections.add(socket)
    socket.setNoDelay(true)
    socket.setTimeout(TRANSACTION_LIFETIME_MS, () => socket.destroy())
    // A reset is reported by 'close' next; the error itself needs no handling beyond not crashing.
    socket.on('error', () => undefined)
    socket.on('close', () => {
      this.connections.delete(socket)
      this.routes.forget(socket)
    })
    readSipStream(
      socket,
      {
        onMessage: (message) => {
          // Anything but a response may get an answer, however odd its start line: DeskDial's 400 to it must come back here too.
          if (readStartLine(message)?.kind !== 'response') this.routes.remember(message, socket)
          this.onMessage(message, from)
        },
        onInvalid: (reason) =>
          warn(
            `Closed a TCP connection from the phone system at ${from}: it sent data that is not a valid SIP message (${reason}).`
          )
      },
      () => !socket.destroyed
    )
  }
}
