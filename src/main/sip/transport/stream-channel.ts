import { readFile } from 'node:fs/promises'
import net from 'node:net'
import tls from 'node:tls'
import type { LocalEndpoint, SipChannel, SipChannelEvents } from './sip-channel'
import { StreamFramer } from './stream-framer'
import {
  connectCancelled,
  connectFailure,
  connectionLost,
  malformedStream,
  unreadableCaFile,
  type ConnectionTarget,
  type TransportError
} from './transport-errors'

export interface StreamChannelOptions {
  target: ConnectionTarget
  port: number
  /** TLS only: PEM file whose CA replaces Node's default roots. */
  caFile?: string
  /** RFC 5626 CRLFCRLF ping interval; 0 turns pings off. */
  keepAliveSeconds: number
}

/** How long a graceful close may wait for our last bytes to drain before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000

const PING = '\r\n\r\n'
const PONG = '\r\n'

/**
 * SIP over TCP or TLS: a connection whose byte stream is cut into messages by a StreamFramer.
 * TLS always verifies the certificate chain and name; there is deliberately no way to turn that off.
 */
export class StreamChannel implements SipChannel {
  private readonly options: StreamChannelOptions
  private readonly events: SipChannelEvents
  private readonly framer = new StreamFramer()
  private socket: net.Socket | undefined
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
    const { localAddress, localPort } = socket
    if (localAddress === undefined || localPort === undefined) throw connectionLost(target)
    this.bound = { address: localAddress, port: localPort }
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => this.receive(chunk))
    socket.on('error', (error) => {
      this.lastError = error
    })
    socket.on('close', () => this.reportLost(connectionLost(target, this.lastError)))
    if (this.options.keepAliveSeconds > 0) {
      this.keepAliveTimer = setInterval(() => socket.write(PING), this.options.keepAliveSeconds * 1000)
    }
  }

  send(message: string): Promise<void> {
    const socket = this.socket
    if (!socket || !this.bound || this.closing || this.lost) {
      return Promise.reject(new Error(`The ${this.options.target.protocol.toUpperCase()} connection to ${this.options.target.remote} is closed.`))
    }
    return new Promise((resolve, reject) => socket.write(message, 'utf8', (error) => (error ? reject(error) : resolve())))
  }

  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    clearInterval(this.keepAliveTimer)
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
    const ca = caFile === undefined ? undefined : await readFile(caFile).catch((error: unknown) => Promise.reject(unreadableCaFile(caFile, error)))
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

  private receive(chunk: Buffer): void {
    for (const frame of this.framer.push(chunk)) {
      if (this.closing || this.lost) return
      switch (frame.kind) {
        case 'message':
          this.events.onMessage(frame.text)
          break
        case 'ping':
          this.socket?.write(PONG)
          break
        case 'invalid':
          this.socket?.destroy()
          this.reportLost(malformedStream(this.options.target, frame.reason))
          break
      }
    }
  }

  private reportLost(error: TransportError): void {
    if (this.closing || this.lost) return
    this.lost = true
    clearInterval(this.keepAliveTimer)
    this.events.onLost(error)
  }
}
