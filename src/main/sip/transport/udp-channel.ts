import dgram from 'node:dgram'
import { lookup } from 'node:dns/promises'
import type { LocalEndpoint, SipChannel, SipChannelEvents } from './sip-channel'
import { connectCancelled, connectFailure, type ConnectionTarget } from './transport-errors'
import { unreachableResponse } from './unreachable-response'
import { UdpRetransmitter, type RetransmitTimers } from './udp-retransmitter'
import { formatSentBy } from './via-rewriter'

export interface UdpChannelOptions {
  target: ConnectionTarget
  port: number
  timers: RetransmitTimers
  warn: (message: string) => void
}

/**
 * SIP over UDP: one datagram is one message. The socket is connected to the server, so the
 * kernel drops datagrams from anyone else and our responses go back to the server.
 */
export class UdpChannel implements SipChannel {
  private readonly options: UdpChannelOptions
  private readonly events: SipChannelEvents
  private readonly retransmitter: UdpRetransmitter
  private socket: dgram.Socket | undefined
  private closing = false
  private bound: LocalEndpoint | undefined
  /** The server's resolved `address:port`, for traces. */
  private peer = ''

  constructor(options: UdpChannelOptions, events: SipChannelEvents) {
    this.options = options
    this.events = events
    this.retransmitter = new UdpRetransmitter((data) => this.resend(data), options.timers)
  }

  get local(): LocalEndpoint | undefined {
    return this.bound
  }

  async open(): Promise<void> {
    const { target, port } = this.options
    // Resolved once: every datagram of this connection goes to the same address.
    const server = await lookup(target.host).catch((error: unknown) => {
      throw connectFailure(error, target)
    })
    if (this.closing) throw connectCancelled(target)
    const socket = dgram.createSocket(server.family === 6 ? 'udp6' : 'udp4')
    this.peer = formatSentBy(server.address, port)
    this.socket = socket
    await new Promise<void>((resolve, reject) => {
      const fail = (error: Error): void => reject(connectFailure(error, target))
      // close() while connecting: the connect callback never fires, only 'close'.
      const abort = (): void => reject(connectCancelled(target))
      socket.once('error', fail)
      socket.once('close', abort)
      socket.connect(port, server.address, () => {
        socket.off('error', fail)
        socket.off('close', abort)
        resolve()
      })
    })
    // A connected UDP socket reports the source address the route to the server uses.
    const { address, port: localPort } = socket.address()
    this.bound = { address, port: localPort }
    // ICMP errors surface here; the socket stays usable. Port unreachable means nothing listens
    // there: answer the waiting requests now rather than after 32 s of retransmissions.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      this.options.warn(`UDP to ${target.remote}: ${error.message}`)
      if (error.code === 'ECONNREFUSED') this.failWaitingRequests()
    })
    socket.on('message', (data) => this.receive(data))
  }

  async send(message: string): Promise<void> {
    const data = Buffer.from(message, 'utf8')
    await this.write(data)
    this.retransmitter.requestSent(message, data)
  }

  async close(): Promise<void> {
    if (this.closing) return
    this.closing = true
    this.retransmitter.stopAll()
    const socket = this.socket
    if (!socket) return
    await new Promise<void>((resolve) => socket.close(() => resolve()))
  }

  private receive(data: Buffer): void {
    // Empty and CRLF-only datagrams are NAT keep-alives, never messages.
    if (data.every((byte) => byte === 0x0d || byte === 0x0a)) return
    const message = data.toString('utf8')
    this.events.onTrace?.('received', message, this.peer)
    this.retransmitter.responseReceived(message)
    this.events.onMessage(message)
  }

  private failWaitingRequests(): void {
    for (const request of this.retransmitter.abandonAll()) {
      const response = unreachableResponse(request, this.options.target.remote)
      if (!response) continue
      this.events.onTrace?.(
        'received',
        response,
        this.peer,
        'made by DeskDial: the port is closed (ICMP port unreachable)'
      )
      this.events.onMessage(response)
    }
  }

  private write(data: Buffer): Promise<void> {
    const socket = this.socket
    if (!socket || this.closing)
      return Promise.reject(new Error(`The UDP socket to ${this.options.target.remote} is closed.`))
    this.events.onTrace?.('sent', data.toString('utf8'), this.peer)
    return new Promise((resolve, reject) => socket.send(data, (error) => (error ? reject(error) : resolve())))
  }

  private resend(data: Buffer): void {
    this.write(data).catch((error: unknown) =>
      this.options.warn(
        `Retransmission to ${this.options.target.remote} failed: ${error instanceof Error ? error.message : String(error)}`
      )
    )
  }
}
