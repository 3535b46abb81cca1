/**
 * A TCP proxy between the client under test and a SIP server (SIPp) that stresses the client's
 * stream framing:
 * - server→client: bytes are held for `holdMs`; a batch holding two or more whole messages goes out
 *   in ONE write (coalesced), a batch with one message goes out in 1-7 byte writes (fragmented, the
 *   sizes from a seeded PRNG), each write in its own event-loop turn so the client reads them apart;
 * - client→server: every message is split into 1-7 byte writes too (SIPp must reassemble them).
 * It can also write raw bytes to the client (the hostile-peer test) and drop chosen client→server
 * messages (the client's answers to those bytes, which SIPp must not see).
 */
import net from 'node:net'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { createPrng, randomInt } from './prng'
import { isKeepAlive, splitSipStream } from './sip-stream'

export interface ChunkingTcpProxyOptions {
  serverPort: number
  seed?: number
  /** How long server→client bytes are held to coalesce messages sent back to back. */
  holdMs?: number
}

export interface ChunkingStats {
  connections: number
  /** Server→client writes of one to seven bytes. */
  fragmentWrites: number
  /** Server→client writes that carried two or more whole messages. */
  coalescedWrites: number
  /** Client→server writes of one to seven bytes. */
  clientFragmentWrites: number
  /** Client→server messages the filter dropped. */
  droppedToServer: number
}

export interface ChunkingTcpProxy {
  readonly port: number
  readonly stats: Readonly<ChunkingStats>
  /** host:port of the most recent client connection. */
  readonly clientAddress: string | undefined
  /** Client→server messages for which `drop` returns true never reach the server. */
  setClientFilter(drop: (message: string) => boolean): void
  /** Writes raw bytes to the most recent client connection, in one write, after anything already queued. */
  injectToClient(data: Buffer): Promise<void>
  close(): Promise<void>
}

/** Serialises async writes on one socket, so fragments never interleave. */
class WriteQueue {
  #tail: Promise<void> = Promise.resolve()

  push(job: () => Promise<void>): Promise<void> {
    this.#tail = this.#tail.then(job, job)
    return this.#tail
  }
}

async function writeAndWait(socket: net.Socket, data: Buffer): Promise<void> {
  if (socket.destroyed) return
  if (!socket.write(data)) await new Promise<void>((resolve) => socket.once('drain', resolve).once('close', resolve))
}

export async function startChunkingTcpProxy(options: ChunkingTcpProxyOptions): Promise<ChunkingTcpProxy> {
  const random = createPrng(options.seed ?? 0x5eed)
  const holdMs = options.holdMs ?? 15
  const stats: ChunkingStats = {
    connections: 0,
    fragmentWrites: 0,
    coalescedWrites: 0,
    clientFragmentWrites: 0,
    droppedToServer: 0
  }
  const sockets = new Set<net.Socket>()
  let dropToServer: (message: string) => boolean = () => false
  let latest: { client: net.Socket; queue: WriteQueue } | undefined

  const writeFragments = async (socket: net.Socket, data: Buffer, count: () => void): Promise<void> => {
    for (let offset = 0; offset < data.length && !socket.destroyed;) {
      const size = randomInt(random, 1, 7)
      await writeAndWait(socket, data.subarray(offset, offset + size))
      count()
      offset += size
      await nextTurn()
    }
  }

  const server = net.createServer((client) => {
    stats.connections++
    const upstream = net.connect(options.serverPort, '127.0.0.1')
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true)
      sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => {
        sockets.delete(socket)
        client.destroy()
        upstream.destroy()
      })
    }
    const toClient = new WriteQueue()
    const toServer = new WriteQueue()
    latest = { client, queue: toClient }

    let held: Buffer = Buffer.alloc(0)
    let holdTimer: ReturnType<typeof setTimeout> | undefined
    const flush = (): void => {
      holdTimer = undefined
      const { units, rest } = splitSipStream(held)
      held = rest
      if (rest.length > 0) holdTimer = setTimeout(flush, holdMs)
      const batch = Buffer.concat(units)
      if (units.filter((unit) => !isKeepAlive(unit)).length >= 2) {
        stats.coalescedWrites++
        void toClient.push(() => writeAndWait(client, batch))
      } else if (batch.length > 0) {
        void toClient.push(() => writeFragments(client, batch, () => stats.fragmentWrites++))
      }
    }
    upstream.on('data', (chunk: Buffer) => {
      held = Buffer.concat([held, chunk])
      holdTimer ??= setTimeout(flush, holdMs)
    })
    upstream.on('close', () => clearTimeout(holdTimer))

    let fromClient: Buffer = Buffer.alloc(0)
    client.on('data', (chunk: Buffer) => {
      const { units, rest } = splitSipStream(Buffer.concat([fromClient, chunk]))
      fromClient = rest
      for (const unit of units) {
        if (!isKeepAlive(unit) && dropToServer(unit.toString('latin1'))) {
          stats.droppedToServer++
          continue
        }
        void toServer.push(() => writeFragments(upstream, unit, () => stats.clientFragmentWrites++))
      }
    })
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))

  return {
    port: (server.address() as net.AddressInfo).port,
    stats,
    get clientAddress() {
      return latest ? `${latest.client.remoteAddress}:${latest.client.remotePort}` : undefined
    },
    setClientFilter(drop) {
      dropToServer = drop
    },
    async injectToClient(data) {
      const target = latest
      if (!target || target.client.destroyed) throw new Error('No client is connected to the proxy.')
      await target.queue.push(() => writeAndWait(target.client, data))
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
