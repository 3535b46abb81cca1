/**
 * RFC 3261 8.2 against a real SipEndpoint, over UDP and TCP, from a raw socket on loopback playing
 * the phone system: each malformed or unwanted request in the table gets the answer the RFC asks
 * for, or is dropped and counted when nothing can be answered. Over TCP the requests come on a
 * connection the phone system opened to DeskDial, and every answer must come back on it, whatever
 * the request's shape. A response with two Vias or of another call must not stop the
 * retransmission of the request it seems to answer. And DeskDial's own requests carry branches
 * that a phone system cannot mistake for an earlier request's.
 */
import dgram from 'node:dgram'
import { once } from 'node:events'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { DeskDialService } from '../../src/main/service/deskdial-service'
import { SipEndpoint, type SipResponse } from '../../src/main/sip/sip-endpoint'
import type { AccountSettings } from '../../src/shared/account-settings'

const ACCOUNT: AccountSettings = {
  servers: [],
  transport: 'udp',
  user: 'deskdial',
  domain: '127.0.0.1',
  line: '1001',
  register: false,
  expires: 600
}
const WAIT_MS = 3000

type Expected = { status: number; reason?: RegExp; headers?: Record<string, string> } | 'dropped'

interface Row {
  name: string
  message(branch: string): string
  expected: Expected
}

/** A request to DeskDial as a phone system would write it; `change` edits the lines before they are joined. */
function request(
  branch: string,
  method: string,
  change: (lines: string[]) => string[] = (lines) => lines,
  body = ''
): string {
  const lines = [
    `${method} sip:deskdial@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:5060;branch=${branch}`,
    'From: <sip:1001@127.0.0.1>;tag=pbx1',
    'To: <sip:deskdial@127.0.0.1>',
    `Call-ID: call-${branch}`,
    `CSeq: 7 ${method}`,
    'Max-Forwards: 70'
  ]
  return [...change(lines), `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n')
}

const replace = (pattern: RegExp, by: string) => (lines: string[]) => lines.map((line) => line.replace(pattern, by))

const ROWS: Row[] = [
  { name: 'an unknown method', message: (b) => request(b, 'FROB'), expected: { status: 501 } },
  { name: 'an odd method token', message: (b) => request(b, 'X-PING.2'), expected: { status: 501 } },
  {
    name: 'a method DeskDial knows and refuses',
    message: (b) => request(b, 'SUBSCRIBE'),
    expected: { status: 405, headers: { allow: 'INVITE, ACK, CANCEL, BYE, NOTIFY, OPTIONS' } }
  },
  { name: 'MESSAGE, which sip.js would accept', message: (b) => request(b, 'MESSAGE'), expected: { status: 405 } },
  {
    name: 'a method that is no token',
    message: (b) => request(b, 'BAD(METHOD)'),
    expected: { status: 400, reason: /Malformed Method/ }
  },
  {
    name: 'SIP version 3.0',
    message: (b) => request(b, 'OPTIONS', replace(/SIP\/2\.0$/, 'SIP/3.0')),
    expected: { status: 505 }
  },
  {
    name: 'a Request-Line without the space before its version',
    message: (b) => request(b, 'OPTIONS', replace(/ SIP\/2\.0$/, 'SIP/2.0')),
    expected: { status: 400, reason: /Request-Line/ }
  },
  {
    name: 'a Request-Line with a space too many',
    message: (b) => request(b, 'OPTIONS', replace(/^OPTIONS /, 'OPTIONS  ')),
    expected: { status: 400, reason: /Request-Line/ }
  },
  {
    name: 'SIP version 7.0 in the Request-Line and the Via',
    message: (b) => request(b, 'OPTIONS', replace(/SIP\/2\.0/, 'SIP/7.0')),
    expected: { status: 505 }
  },
  {
    name: 'OPTIONS for another user',
    message: (b) => request(b, 'OPTIONS', replace(/^OPTIONS sip:deskdial@/, 'OPTIONS sip:someone-else@')),
    expected: { status: 404 }
  },
  {
    name: 'an INVITE body DeskDial cannot read, refused before any provisional answer',
    message: (b) =>
      request(b, 'INVITE', (lines) => [...lines, 'Contact: <sip:1001@127.0.0.1>', 'Content-Type: text/plain'], 'hi'),
    expected: { status: 415, headers: { accept: 'application/sdp' } }
  },
  {
    name: 'a CSeq method other than the request method',
    message: (b) => request(b, 'OPTIONS', replace(/^CSeq: 7 OPTIONS$/, 'CSeq: 7 NOTIFY')),
    expected: { status: 400, reason: /CSeq Method/ }
  },
  {
    name: 'a CSeq number beyond 32 bits',
    message: (b) => request(b, 'OPTIONS', replace(/^CSeq: 7/, 'CSeq: 4294967296')),
    expected: { status: 400, reason: /CSeq Number/ }
  },
  {
    name: 'a CSeq number that is no number',
    message: (b) => request(b, 'OPTIONS', replace(/^CSeq: 7/, 'CSeq: seven')),
    expected: { status: 400, reason: /Malformed CSeq/ }
  },
  {
    name: 'two Call-IDs',
    message: (b) => request(b, 'OPTIONS', (lines) => [...lines, 'i: another-call']),
    expected: { status: 400, reason: /Duplicate Call-ID/ }
  },
  {
    name: 'two Froms',
    message: (b) => request(b, 'OPTIONS', (lines) => [...lines, 'f: <sip:1002@127.0.0.1>;tag=x']),
    expected: { status: 400, reason: /Duplicate From/ }
  },
  {
    name: 'a missing Call-ID',
    message: (b) => request(b, 'OPTIONS', (lines) => lines.filter((line) => !line.startsWith('Call-ID'))),
    expected: { status: 400, reason: /Missing Call-ID/ }
  },
  {
    name: 'a broken Request-URI',
    message: (b) =>
      request(b, 'OPTIONS', replace(/^OPTIONS sip:deskdial@127\.0\.0\.1/, 'OPTIONS sip:deskdial@127.0.0.1:99x')),
    expected: { status: 400, reason: /Request-URI/ }
  },
  {
    name: 'a broken To',
    message: (b) => request(b, 'OPTIONS', replace(/^To: .*/, 'To: <sip:deskdial@127.0.0.1')),
    expected: { status: 400, reason: /Malformed To/ }
  },
  {
    name: 'a broken Contact',
    message: (b) => request(b, 'NOTIFY', (lines) => [...lines, 'Contact: <<sip:x']),
    expected: { status: 400, reason: /Malformed Contact/ }
  },
  {
    name: 'a Require DeskDial does not support',
    message: (b) => request(b, 'OPTIONS', (lines) => [...lines, 'Require: 100rel, timer']),
    expected: { status: 420, headers: { unsupported: '100rel, timer' } }
  },
  {
    name: 'a NOTIFY body DeskDial cannot read',
    message: (b) =>
      request(b, 'NOTIFY', (lines) => [...lines, 'Event: refer', 'Content-Type: application/sdp'], 'v=0\r\n'),
    expected: { status: 415, headers: { accept: 'message/sipfrag, application/dialog-info+xml, application/pidf+xml' } }
  },
  {
    name: 'OPTIONS',
    message: (b) => request(b, 'OPTIONS'),
    expected: {
      status: 200,
      headers: {
        allow: 'INVITE, ACK, CANCEL, BYE, NOTIFY, OPTIONS',
        accept: 'application/sdp, message/sipfrag, application/dialog-info+xml, application/pidf+xml'
      }
    }
  },
  {
    name: 'a folded Via',
    message: (b) => request(b, 'OPTIONS', replace(/^Via: SIP\/2\.0\/UDP /, 'Via: SIP/2.0/UDP\r\n   ')),
    expected: { status: 200 }
  },
  {
    name: 'a NOTIFY of no subscription, passed to sip.js',
    message: (b) =>
      request(
        b,
        'NOTIFY',
        (lines) => [...lines, 'Event: refer', 'Subscription-State: active', 'Content-Type: message/sipfrag'],
        'SIP/2.0 200 OK\r\n'
      ),
    expected: { status: 481 }
  },
  {
    name: 'no Via',
    message: (b) => request(b, 'OPTIONS', (lines) => lines.filter((line) => !line.startsWith('Via'))),
    expected: 'dropped'
  },
  {
    name: 'an unreadable Via',
    message: (b) => request(b, 'OPTIONS', replace(/^Via: .*/, 'Via: nonsense')),
    expected: 'dropped'
  },
  { name: 'no SIP at all', message: () => 'hello there\r\n\r\n', expected: 'dropped' }
]

function headerOf(message: string, name: string): string | undefined {
  return new RegExp(`^${name}[ \\t]*:[ \\t]*(.*)$`, 'im').exec(message)?.[1]
}

function branchOf(message: string): string | undefined {
  return /branch=([^;,\s]+)/.exec(message)?.[1]
}

/** Messages as they arrive, handed out in order. */
class Inbox {
  readonly #messages: string[] = []
  #wake: (() => void) | undefined

  push(message: string): void {
    this.#messages.push(message)
    this.#wake?.()
  }

  get count(): number {
    return this.#messages.length
  }

  async next(what: string): Promise<string> {
    const deadline = Date.now() + WAIT_MS
    while (this.#messages.length === 0) {
      if (Date.now() > deadline) throw new Error(`Nothing arrived within ${WAIT_MS} ms: ${what}`)
      await new Promise<void>((resolve) => {
        this.#wake = resolve
        setTimeout(resolve, 50)
      })
    }
    return this.#messages.shift() as string
  }
}

/** Splits a TCP byte stream into messages; everything here has Content-Length: 0. */
function collectStream(socket: net.Socket, inbox: Inbox): void {
  let buffer = ''
  socket.on('data', (data) => {
    buffer += data.toString('utf8')
    for (let end = buffer.indexOf('\r\n\r\n'); end !== -1; end = buffer.indexOf('\r\n\r\n')) {
      inbox.push(buffer.slice(0, end + 4))
      buffer = buffer.slice(end + 4)
    }
  })
}

interface PhoneSystem {
  endpoint: SipEndpoint
  discarded: string[]
  /** Sends one message to DeskDial on the socket the table uses. */
  send(message: string): void
  /** What DeskDial sent back on that socket. */
  answers: Inbox
  /** TCP: what arrived on DeskDial's own connection meanwhile (nothing may). */
  elsewhere: Inbox
}

const closers: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (let close = closers.pop(); close; close = closers.pop()) await close()
})

function contactPort(endpoint: SipEndpoint): number {
  return Number(/:(\d+);/.exec(endpoint.contact)?.[1])
}

async function startEndpoint(transport: 'udp' | 'tcp', port: number, discarded: string[]): Promise<SipEndpoint> {
  const endpoint = new SipEndpoint({
    account: { ...ACCOUNT, transport },
    server: { host: '127.0.0.1', port },
    log: () => undefined,
    onDiscard: (problem) => discarded.push(problem),
    transport: { keepAliveSeconds: 0, retransmitTimers: { t1Ms: 40, t2Ms: 160 } }
  })
  closers.push(() => endpoint.close())
  await endpoint.connect()
  return endpoint
}

async function udpPhoneSystem(): Promise<PhoneSystem & { socket: dgram.Socket }> {
  const socket = dgram.createSocket('udp4')
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())))
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  const answers = new Inbox()
  socket.on('message', (data) => answers.push(data.toString('utf8')))
  const discarded: string[] = []
  const endpoint = await startEndpoint('udp', socket.address().port, discarded)
  const port = contactPort(endpoint)
  return {
    endpoint,
    discarded,
    socket,
    answers,
    elsewhere: new Inbox(),
    send: (message) => socket.send(message, port, '127.0.0.1')
  }
}

async function tcpPhoneSystem(): Promise<PhoneSystem> {
  const server = net.createServer()
  const sockets: net.Socket[] = []
  server.on('connection', (socket) => sockets.push(socket))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const elsewhere = new Inbox()
  server.on('connection', (socket) => collectStream(socket, elsewhere))
  const discarded: string[] = []
  const endpoint = await startEndpoint('tcp', (server.address() as net.AddressInfo).port, discarded)
  // The phone system opens its own connection to DeskDial's Contact, as CUCM does for NOTIFYs.
  const inbound = net.connect(contactPort(endpoint), '127.0.0.1')
  sockets.push(inbound)
  await once(inbound, 'connect')
  const answers = new Inbox()
  collectStream(inbound, answers)
  return {
    endpoint,
    discarded,
    answers,
    elsewhere,
    send: (message) => inbound.write(message.replaceAll('SIP/2.0/UDP', 'SIP/2.0/TCP'))
  }
}

describe.each([
  ['UDP', udpPhoneSystem],
  ['TCP', tcpPhoneSystem]
] as const)('requests DeskDial cannot or will not handle, over %s', (_transport, start) => {
  it.each(ROWS)('$name', async (row) => {
    const phone = await start()
    const branch = `z9hG4bK-${row.name.replace(/\W+/g, '-')}`
    phone.send(row.message(branch))
    if (row.expected === 'dropped') {
      // Nothing comes back for it: the next answer is the probe's, and the drop was counted.
      phone.send(request('z9hG4bK-probe', 'OPTIONS'))
      const answer = await phone.answers.next('the answer to the OPTIONS probe')
      expect(branchOf(answer)).toBe('z9hG4bK-probe')
      expect(phone.discarded).toHaveLength(1)
      return
    }
    const answer = await phone.answers.next(`the answer to ${row.name}`)
    const [, status, reason] = /^SIP\/2\.0 (\d{3}) (.*)\r\n/.exec(answer) ?? []
    expect({ status: Number(status), branch: branchOf(answer) }).toEqual({ status: row.expected.status, branch })
    if (row.expected.reason) expect(reason).toMatch(row.expected.reason)
    for (const [name, value] of Object.entries(row.expected.headers ?? {})) expect(headerOf(answer, name)).toBe(value)
    expect(headerOf(answer, 'Call-ID') ?? '').not.toBe('another-call')
    // DeskDial implements no extension, so it names none (sip.js would say `Supported: outbound`).
    expect(headerOf(answer, 'Supported')).toBeUndefined()
    expect(phone.discarded).toEqual([])
    expect(phone.elsewhere.count).toBe(0)
  })
})

describe('responses that answer nothing, over UDP', () => {
  it('are discarded and counted, and the request is retransmitted until its real answer', async () => {
    const phone = await udpPhoneSystem()
    const finals: SipResponse[] = []
    phone.endpoint.send('OPTIONS', phone.endpoint.uri('1001'), phone.endpoint.uri('1001'), [], {
      onFinal: (response) => finals.push(response)
    })
    const sent = await phone.answers.next('the OPTIONS request')
    expect(headerOf(sent, 'Supported')).toBeUndefined()
    const reply = (change: (response: string) => string): void => {
      const lines = sent.split('\r\n')
      const copy = (name: string): string => lines.find((line) => line.toLowerCase().startsWith(`${name}:`)) ?? ''
      const response = [
        'SIP/2.0 200 OK',
        copy('via'),
        copy('from'),
        `${copy('to')};tag=pbx`,
        copy('call-id'),
        copy('cseq'),
        'Content-Length: 0',
        '',
        ''
      ].join('\r\n')
      phone.socket.send(change(response), contactPort(phone.endpoint), '127.0.0.1')
    }
    const nextRetransmission = async (): Promise<void> => {
      for (;;) {
        const again = await phone.answers.next('a retransmission of the OPTIONS')
        if (branchOf(again) === branchOf(sent)) return
      }
    }

    reply((response) => response.replace(/^(Via: .*)$/m, '$1\r\nVia: SIP/2.0/UDP 127.0.0.9:5060;branch=z9hG4bKelse'))
    await nextRetransmission()
    await nextRetransmission()
    reply((response) => response.replace(/^Call-ID: .*$/m, 'Call-ID: another-call'))
    await nextRetransmission()
    await nextRetransmission()
    expect(finals).toEqual([])
    expect(phone.discarded).toEqual([
      'a response with more than one Via',
      'a response that matches no request DeskDial sent'
    ])

    reply((response) => response)
    const deadline = Date.now() + WAIT_MS
    while (finals.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(finals.map((response) => response.code)).toEqual([200])
  })
})

describe('requests DeskDial sends', () => {
  it("each get a branch of 96 random bits, never one of sip.js's ten million", async () => {
    const phone = await udpPhoneSystem()
    const branches = new Set<string>()
    for (let i = 0; i < 20; i += 1) {
      phone.endpoint.send('OPTIONS', phone.endpoint.uri('1001'), phone.endpoint.uri('1001'), [], {
        onFinal: () => undefined
      })
      branches.add(branchOf(await phone.answers.next('an OPTIONS request')) ?? '')
    }
    expect(branches.size).toBe(20)
    for (const branch of branches) expect(branch).toMatch(/^z9hG4bK[A-Za-z0-9_-]{16}$/)
  })
})

describe('the service', () => {
  it('counts what it drops unanswered, for the diagnostics', async () => {
    const socket = dgram.createSocket('udp4')
    closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())))
    socket.bind(0, '127.0.0.1')
    await once(socket, 'listening')
    const requests = new Inbox()
    let client = 0
    socket.on('message', (data, from) => {
      client = from.port
      requests.push(data.toString('utf8'))
    })
    const service = new DeskDialService({
      account: { ...ACCOUNT, servers: [`127.0.0.1:${socket.address().port}`], register: true }
    })
    closers.push(() => service.stop())
    await service.start()
    await requests.next('the REGISTER')

    socket.send(
      request('z9hG4bK-no-via', 'OPTIONS', (lines) => lines.filter((line) => !line.startsWith('Via'))),
      client,
      '127.0.0.1'
    )
    socket.send(
      'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-none\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: none\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n',
      client,
      '127.0.0.1'
    )
    const deadline = Date.now() + WAIT_MS
    while (service.discardedMessages < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20))
    expect(service.discardedMessages).toBe(2)
  })
})
