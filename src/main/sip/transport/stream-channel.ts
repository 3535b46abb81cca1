import net from 'node:net'
import { readCaFile } from '../../trust/ca-file'
import { InboundListener } from './inbound-listener'
import type { LocalEndpoint, SipChannel, SipChannelEvents } from './sip-channel'
import { readSipStream } from './stream-reader'
import {
  connectCancelled,
  connectFailure,
  connectionLost,
  malformedStream,
  type ConnectionTarget,
  type TransportError
} from './transport-errors'
import { formatSentBy } from './via-rewriter'

export interface StreamChannelOptions {
  target: ConnectionTarget
  port: number
  /** TLS only: PEM file whose CA replaces Node's default roots. */
  caFile?: string
  /** RFC 5626 CRLFCRLF ping interval; 0 turns pings off. */
  keepAliveSeconds: number
  /** TCP: where refused and misbehaving connections from the phone system are reported. */
  warn: (message: string) => void
}

/** How long a graceful close may wait for our last bytes to drain before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000

const PING = '\r\n\r\n'

/**
 * SIP over TCP or TLS: a connection whose byte stream is cut into messages by a StreamFramer.
 * TLS always verifies the certificate chain and name; there is deliberately no way to turn that off.
 *
 * Over TCP it also listens for connections the phone system opens to our Contact (see
 * {@link InboundListener}), and `local` names that listening port: the address and port to put in
 * Contact and Via sent-by. Over TLS nothing listens (accepting TLS would need a server
 * certificate), so `local` is the connection's own port.
 */
export class StreamChannel implements SipChannel {
  private readonly options: StreamChannelOptions
  private readonly events: SipChannelEvents
  private socket: net.Socket | undefined
  private inbound: InboundListener | undefined
  private bound: LocalEndpoint | undefined
  private closing = false
  private lost = false
  private lastError: Error | undefined
  private keepAliveTimer: ReturnType<typeof setInterval> | undefined

  constructor(options: StreamChannelOptions, events: SipChannelEvents) {
    this.options = options
    this.events = events
  }

  get local(): LocalEndpoint | undefined {
    return this.bound
  }

  async open(): Promise<void> {
    const { target } = this.options
    const socket = await this.connectSocket()
    this.socket = socket
    if (this.closing) {
      // close() ran while the socket was being created and found nothing to close.
      socket.destroy()
      throw connectCancelled(target)
    }
    await new Promise<void>((resolve, reject) => {
      const ready = (): void => {
        settle()
        resolve()
      }
      const fail = (error: Error): void => {
        settle()
        socket.destroy()
        reject(connectFailure(error, target))
      }
      const abort = (): void => {
        settle()
        reject(connectCancelled(target))
      }
      const settle = (): void => {
        socket.off(readyEvent, ready)
        socket.off('error', fail)
        socket.off('close', abort)
      }
      const readyEvent = target.protocol === 'tls' ? 'secureConnect' : 'connect'
      socket.once(readyEvent, ready)
      socket.once('error', fail)
      socket.once('close', abort)
    })
    socket.on('error', (error) => {
      this.lastError = error
    })
    const { localAddress, localPort, remoteAddress } = socket
    if (localAddress === undefined || localPort === undefined || remoteAddress === undefined)
      throw connectionLost(target)
    const port = target.protocol === 'tcp' ? await this.listen(localAddress, remoteAddress) : localPort
    this.bound = { address: localAddress, port }
    socket.setNoDelay(true)
    const peer = peerOf(socket)
    readSipStream(
      socket,
      {
        onMessage: (message) => {
          this.events.onTrace?.('received', message, peer)
          this.events.onMessage(message)
        },
        onInvalid: (reason) => this.reportLost(malformedStream(target, reason))
      },
      () => !this.closing && !this.lost
    )
    socket.on('close', () => this.reportLost(connectionLost(target, this.lastError)))
    if (this.options.keepAliveSeconds > 0) {
      this.keepAliveTimer = setInterval(() => socket.write(PING), this.options.keepAliveSeconds * 1000)
    }
  }

  /** A response to a request that came on a connection the phone system opened goes back on that connection. */
  send(message: string): Promise<void> {
    const main = this.socket
    if (!main || !this.bound || this.closing || this.lost) {
      return Promise.reject(
        new Error(
          `The ${this.options.target.protocol.toUpperCase()} connection to ${this.options.target.remote} is closed.`
        )
      )
    }
    const socket = this.inbound?.connectionFor(message) ?? main
    this.events.onTrace?.('sent', message, peerOf(socket))
    return new Promise((resolve, reject) =>
      socket.write(message, 'utf8', (error) => (error ? reject(error) : resolve()))
    )
  }

  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    clearInterval(this.keepAliveTimer)
    await Promise.all([this.closeSocket(), this.inbound?.close()])
  }

  /**
   * Starts the inbound listener and returns its port. The connection may have ended, or close()
   * run, while it started: then the listener is closed again and opening fails.
   */
  private async listen(localAddress: string, serverAddress: string): Promise<number> {
    const { target, warn } = this.options
    const inbound = await InboundListener.start(
      { localAddress, serverAddress, remote: target.remote, warn },
      (message, from) => {
        if (this.closing || this.lost) return
        this.events.onTrace?.('received', message, from)
        this.events.onMessage(message)
      }
    ).catch((error: unknown) => Promise.reject(connectFailure(error, target)))
    this.inbound = inbound
    if (this.closing || this.socket?.destroyed) {
      await inbound.close()
      throw this.closing ? connectCancelled(target) : connectionLost(target, this.lastError)
    }
    return inbound.port
  }

  private async closeSocket(): Promise<void> {
    const socket = this.socket
    if (!socket || socket.destroyed) return
    await new Promise<void>((resolve) => {
      // Flush what sip.js already handed us (an ACK, a last response), but never wait on a stuck peer forever.
      const grace = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS)
      socket.once('close', () => {
        clearTimeout(grace)
        resolve()
      })
      if (this.bound) socket.end(() => socket.destroy())
      else socket.destroy()
    })
  }

  private async connectSocket(): Promise<net.Socket> {
    const { target, port, caFile } = this.options
    if (target.protocol !== 'tls') return net.connect({ host: target.host, port })
    // Loaded on first use: only TLS accounts need it, and each module loaded at start lengthens the CLI's cold start.
    const tls = await import('node:tls')
    const ca =
      caFile === undefined
        ? undefined
        : await readCaFile(caFile).catch((error: unknown) => Promise.reject(connectFailure(error, target)))
    const identity = target.tlsName ?? target.host
    return tls.connect({
      host: target.host,
      port,
      ca,
      // RFC 6066 forbids an IP address as SNI; the identity is still checked against IP SANs below.
      servername: net.isIP(identity) ? undefined : identity,
      rejectUnauthorized: true,
      checkServerIdentity: (_host, certificate) => tls.checkServerIdentity(identity, certificate)
    })
  }

  private reportLost(error: TransportError): void {
    if (this.closing || this.lost) return
    this.lost = true
    clearInterval(this.keepAliveTimer)
    this.events.onLost(error)
  }
}

function peerOf(socket: net.Socket): string {
  return formatSentBy(socket.remoteAddress ?? '?', socket.remotePort ?? 0)
}
