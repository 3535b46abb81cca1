/**
 * A phone system that answers the REFER on DeskDial's TCP connection but opens a new connection to
 * the REFER's Contact for its NOTIFYs, as RFC 3261 18.2.2 allows and some CUCM trunks do. SIPp
 * cannot open a second connection for its NOTIFYs, so the phone system is scripted here.
 */
import { once } from 'node:events'
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { startServer } from '../unit/sip/transport/transport-test-kit'
import { createService, useCleanup } from './support/service-harness'
import { isKeepAlive, splitSipStream } from './support/sip-stream'

const PROGRESS = [
  { frag: 'SIP/2.0 100 Trying', state: 'active;expires=60' },
  { frag: 'SIP/2.0 180 Ringing', state: 'active;expires=60' },
  { frag: 'SIP/2.0 200 OK', state: 'terminated;reason=noresource' }
]

/** Whole messages from a socket, in order, waited for one at a time. */
function readMessages(socket: net.Socket): { all: string[]; next(): Promise<string> } {
  const all: string[] = []
  const waiting: ((message: string) => void)[] = []
  let pending = Buffer.alloc(0)
  socket.on('data', (chunk: Buffer) => {
    const { units, rest } = splitSipStream(Buffer.concat([pending, chunk]))
    pending = Buffer.from(rest)
    for (const unit of units.filter((u) => !isKeepAlive(u))) {
      const message = unit.toString('utf8')
      all.push(message)
      waiting.shift()?.(message)
    }
  })
  let read = 0
  return {
    all,
    next: () => {
      const index = read++
      return index < all.length ? Promise.resolve(all[index]) : new Promise((resolve) => waiting.push(resolve))
    }
  }
}

function header(message: string, name: string): string {
  const value = new RegExp(`^${name}[ \\t]*:[ \\t]*(.*)$`, 'im').exec(message)?.[1]
  if (value === undefined) throw new Error(`No ${name} header in:\n${message}`)
  return value.trim()
}

/** The phone system: 202 on DeskDial's connection, then every NOTIFY on a connection of its own. */
async function startPhoneSystem() {
  const mainReceived: string[] = []
  let notifyConnection: { socket: net.Socket; received: string[] } | undefined
  let finished: (error?: unknown) => void = () => undefined
  const notified = new Promise<void>((resolve, reject) => {
    finished = (error) => (error === undefined ? resolve() : reject(error))
  })
  // Awaited by the test; until then a failure must not count as an unhandled rejection.
  notified.catch(() => undefined)

  const sendNotifies = async (refer: string, port: number): Promise<void> => {
    const contact = /<(sip:[^@>]+@([^:;>]+):(\d+)[^>]*)>/.exec(header(refer, 'Contact'))
    if (!contact) throw new Error(`No usable Contact in:\n${refer}`)
    const socket = net.connect({ host: contact[2], port: Number(contact[3]) })
    const reader = readMessages(socket)
    notifyConnection = { socket, received: reader.all }
    await once(socket, 'connect')
    for (const [index, { frag, state }] of PROGRESS.entries()) {
      const body = `${frag}\r\n`
      socket.write(
        [
          `NOTIFY ${contact[1]} SIP/2.0`,
          `Via: SIP/2.0/TCP 127.0.0.1:${port};branch=z9hG4bKnotify${index}`,
          'Max-Forwards: 70',
          `From: ${header(refer, 'To')};tag=phone-system`,
          `To: ${header(refer, 'From')}`,
          `Call-ID: ${header(refer, 'Call-ID')}`,
          `CSeq: ${index + 1} NOTIFY`,
          `Contact: <sip:127.0.0.1:${port};transport=tcp>`,
          'Event: refer',
          `Subscription-State: ${state}`,
          'Content-Type: message/sipfrag',
          `Content-Length: ${Buffer.byteLength(body)}`,
          '',
          body
        ].join('\r\n')
      )
      await reader.next()
    }
  }

  const server = await startServer(
    net.createServer((socket) => {
      const reader = readMessages(socket)
      void reader.next().then(async (refer) => {
        mainReceived.push(refer)
        socket.write(
          [
            'SIP/2.0 202 Accepted',
            `Via: ${header(refer, 'Via')}`,
            `From: ${header(refer, 'From')}`,
            `To: ${header(refer, 'To')};tag=phone-system`,
            `Call-ID: ${header(refer, 'Call-ID')}`,
            `CSeq: ${header(refer, 'CSeq')}`,
            'Content-Length: 0',
            '',
            ''
          ].join('\r\n')
        )
        await sendNotifies(refer, server.port).then(() => finished(), finished)
        // Whatever else arrives on DeskDial's connection is recorded: it must not be a NOTIFY response.
        for (;;) mainReceived.push(await reader.next())
      })
    })
  )
  return {
    port: server.port,
    mainConnection: () => server.sockets[0],
    mainReceived,
    notifyConnection: () => notifyConnection,
    notified,
    close: async () => {
      notifyConnection?.socket.destroy()
      await server.close()
    }
  }
}

describe('a phone system that opens a new TCP connection for its NOTIFYs', () => {
  const track = useCleanup()

  it(
    'still shows the call connected: DeskDial accepts the connection and answers each NOTIFY on it',
    { timeout: 15_000 },
    async () => {
      const phone = track(await startPhoneSystem(), (p) => p.close())
      const dut = createService({ port: phone.port, transport: 'tcp' })
      track(dut.service, (service) => service.stop())
      await dut.service.start()

      const call = dut.dial('1002')
      const final = await dut.waitForFinal(call.id, 10_000)
      await phone.notified

      expect(final, dut.logs.join('\n')).toMatchObject({ state: 'connected', code: 200 })
      expect(dut.statesOf(call.id)).toEqual(['requesting', 'trying', 'ringing', 'connected'])
      expect(
        phone.notifyConnection()?.received.map((response) => [response.split('\r\n')[0], header(response, 'CSeq')])
      ).toEqual([
        ['SIP/2.0 200 OK', '1 NOTIFY'],
        ['SIP/2.0 200 OK', '2 NOTIFY'],
        ['SIP/2.0 200 OK', '3 NOTIFY']
      ])
      expect(phone.mainReceived.map((message) => message.split(' ')[0])).toEqual(['REFER'])
      // The Contact named the listening port, not the port of DeskDial's own connection.
      expect(phone.notifyConnection()?.socket.remotePort).not.toBe(phone.mainConnection().remotePort)
    }
  )
})
