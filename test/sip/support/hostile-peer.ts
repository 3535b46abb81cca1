/**
 * A deterministic generator (seeded PRNG) of malformed and mutated SIP messages aimed at a client:
 * truncated messages, garbage bytes, wrong Content-Length, missing and duplicated Call-ID, CSeq,
 * Via, From and To, responses with unknown branches and impossible status codes, NOTIFYs for unknown
 * Call-IDs and with bad sipfrag bodies, huge headers, invalid UTF-8, header injection attempts, and
 * byte-level mutations of valid 202s and NOTIFYs (real ones captured from the wire, when given).
 *
 * The messages must come from the address the client talks to (a UDP client drops datagrams from
 * anyone else): the tests send them through the relay/proxy that IS the client's server.
 *
 * Framing: `datagram` messages are sent one per datagram, as generated (a wrong Content-Length is the
 * point). `stream` messages (TCP) leave out the wrong-Content-Length kinds and are re-framed so a correct framer always finds the next message:
 * every message keeps its bizarre content but gets exactly one Content-Length equal to its body and
 * a header section under 64 KB. What no framer can survive (negative, huge or conflicting
 * Content-Length, endless headers) is in `streamKillers()`, for a test that expects the client to
 * drop the connection and reconnect.
 */
import { createPrng, randomInt } from './prng'

export interface HostileTarget {
  transport: 'UDP' | 'TCP'
  /** The client's SIP user (its AOR and Contact user): NOTIFYs to it get past the Request-URI check. */
  user: string
  /** host:port of the client's socket, for Request-URIs. */
  clientHostPort: string
  /** host:port of the server the messages pretend to come from. */
  serverHostPort: string
  /** Call-IDs of the client's real (finished) dials, so some messages hit real dialogs. */
  callIds?: string[]
  /** Real 202s and NOTIFYs captured from the wire, to mutate byte by byte. */
  samples?: string[]
}

export interface HostileOptions {
  seed: number
  count: number
  framing: 'datagram' | 'stream'
}

export interface HostileMessage {
  kind: string
  bytes: Buffer
}

/** Largest message generated: one UDP datagram, and under a stream framer's 64 KB header cap. */
const MAX_DATAGRAM_BYTES = 60_000
const STREAM_BODY_BYTES = 100 * 1024

type Random = () => number

interface Draft {
  startLine: string
  headers: Array<[string, string]>
  body: Buffer
  /** Content-Length value as written; the body's length when absent. */
  contentLength?: string
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]
}

function token(random: Random, length = 10): string {
  let text = ''
  for (let i = 0; i < length; i++) text += 'abcdefghijklmnopqrstuvwxyz0123456789'[randomInt(random, 0, 35)]
  return text
}

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length)
  for (let i = 0; i < length; i++) bytes[i] = randomInt(random, 0, 255)
  return bytes
}

function serialize(draft: Draft): Buffer {
  const head = [draft.startLine, ...draft.headers.map(([name, value]) => `${name}: ${value}`)]
  head.push(`Content-Length: ${draft.contentLength ?? draft.body.length}`)
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), draft.body])
}

class HostileFactory {
  readonly #random: Random
  readonly #target: HostileTarget
  readonly #framing: HostileOptions['framing']

  constructor(random: Random, target: HostileTarget, framing: HostileOptions['framing']) {
    this.#random = random
    this.#target = target
    this.#framing = framing
  }

  get random(): Random {
    return this.#random
  }

  get bigBody(): number {
    return this.#framing === 'stream' ? STREAM_BODY_BYTES : MAX_DATAGRAM_BYTES - 1000
  }

  callId(): string {
    const known = this.#target.callIds ?? []
    return known.length > 0 && this.#random() < 0.3
      ? pick(this.#random, known)
      : `${token(this.#random, 16)}@hostile.invalid`
  }

  via(): string {
    return `SIP/2.0/${this.#target.transport} ${this.#target.serverHostPort};branch=z9hG4bK${token(this.#random, 12)}`
  }

  notify(body: string | Buffer = 'SIP/2.0 180 Ringing', subscriptionState = 'active;expires=60'): Draft {
    const { user, clientHostPort, serverHostPort, transport } = this.#target
    return {
      startLine: `NOTIFY sip:${user}@${clientHostPort};transport=${transport.toLowerCase()} SIP/2.0`,
      headers: [
        ['Via', this.via()],
        ['Max-Forwards', '70'],
        ['From', `<sip:1001@${serverHostPort}>;tag=${token(this.#random, 8)}`],
        ['To', `<sip:${user}@${serverHostPort}>;tag=${token(this.#random, 8)}`],
        ['Call-ID', this.callId()],
        ['CSeq', `${randomInt(this.#random, 1, 9)} NOTIFY`],
        ['Contact', `<sip:1001@${serverHostPort}>`],
        ['Event', 'refer'],
        ['Subscription-State', subscriptionState],
        ['Content-Type', 'message/sipfrag']
      ],
      body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1')
    }
  }

  response(code: string | number = 202, reason = 'Accepted', method = 'REFER'): Draft {
    const { user, serverHostPort, clientHostPort, transport } = this.#target
    return {
      startLine: `SIP/2.0 ${code} ${reason}`,
      headers: [
        ['Via', `SIP/2.0/${transport} ${clientHostPort};branch=z9hG4bK${token(this.#random, 12)};rport`],
        ['From', `<sip:${user}@${serverHostPort}>;tag=${token(this.#random, 8)}`],
        ['To', `<sip:1001@${serverHostPort}>;tag=${token(this.#random, 8)}`],
        ['Call-ID', this.callId()],
        ['CSeq', `${randomInt(this.#random, 1, 9)} ${method}`]
      ],
      body: Buffer.alloc(0)
    }
  }

  /** A valid-looking 202 or NOTIFY, or a real one from the wire. */
  validSample(): Buffer {
    const samples = this.#target.samples ?? []
    if (samples.length > 0 && this.#random() < 0.6) return Buffer.from(pick(this.#random, samples), 'latin1')
    return serialize(
      this.#random() < 0.5 ? this.response() : this.notify(pick(this.#random, ['SIP/2.0 100 Trying', 'SIP/2.0 200 OK']))
    )
  }
}

const DIALOG_HEADERS = ['Call-ID', 'CSeq', 'Via', 'From', 'To'] as const

const BAD_SIPFRAGS: ReadonlyArray<(factory: HostileFactory) => string | Buffer> = [
  () => 'SIP/2.0 abc',
  () => '',
  () => 'SIP/2.0',
  () => 'SIP/2.0 99999 Way Too Big',
  () => 'SIP/2.0 -200 Negative',
  () => 'SIP/3.0 200 OK',
  () => 'HTTP/1.1 200 OK',
  () => 'sip/2.0 200 ok',
  () => '\r\n\r\n',
  () => 'SIP/2.0 200 OK\r\nContent-Length: 99999\r\n\r\n',
  () => 'SIP/2.0 180 Ringing\r\n'.repeat(500),
  (factory) => randomBytes(factory.random, randomInt(factory.random, 1, 512)),
  (factory) => Buffer.alloc(factory.bigBody, 'SIP/2.0 200 OK '),
  () => Buffer.from([0x53, 0x49, 0x50, 0x2f, 0x32, 0x2e, 0x30, 0x20, 0x32, 0x30, 0x30, 0x20, 0xc3, 0x28, 0xff, 0xfe])
]

const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xf0, 0x28, 0x8c, 0xbc]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0x00])
]

const INJECTIONS: readonly string[] = [
  '"Evil\r\nContact: <sip:evil@203.0.113.1>" <sip:1001@example.invalid>;tag=x',
  '<sip:1001@example.invalid>;tag=x\r\nSubscription-State: terminated',
  '<sip:1001@example.invalid>;tag=x\nVia: SIP/2.0/UDP 203.0.113.1;branch=z9hG4bKevil',
  '<sip:1001@example.invalid>;tag=x\r\n\r\nINVITE sip:evil@203.0.113.1 SIP/2.0',
  '<sip:1001@example.invalid>;tag=x\r\n folded continuation line',
  '<sip:1001@example.invalid>;tag=x\0nul',
  '<sip:1001@example.invalid>;tag=x\rContent-Length: 5000',
  '<sip:1001@example.invalid>;tag="unterminated',
  '<sip:1001@example.invalid;transport=udp\r\nRecord-Route: <sip:evil@203.0.113.1;lr>>'
]

type Generator = (factory: HostileFactory) => Buffer

/** Each kind of hostility, round-robin, so every kind appears count/kinds times. */
const GENERATORS: ReadonlyArray<[kind: string, generate: Generator, streamSafe: boolean]> = [
  [
    'truncated',
    (f) => {
      const valid = f.validSample()
      return valid.subarray(0, randomInt(f.random, 0, valid.length - 1))
    },
    true
  ],
  ['garbage', (f) => randomBytes(f.random, randomInt(f.random, 1, 2000)), true],
  [
    'content-length-too-long',
    (f) => {
      const draft = f.notify('SIP/2.0 200 OK')
      return serialize({ ...draft, contentLength: String(draft.body.length + randomInt(f.random, 1, 5000)) })
    },
    false
  ],
  [
    'content-length-too-short',
    (f) => {
      const draft = f.notify('SIP/2.0 486 Busy Here')
      return serialize({ ...draft, contentLength: String(randomInt(f.random, 0, draft.body.length - 1)) })
    },
    false
  ],
  [
    'content-length-negative',
    (f) => serialize({ ...f.notify(), contentLength: `-${randomInt(f.random, 1, 100000)}` }),
    false
  ],
  [
    'content-length-huge',
    (f) =>
      serialize({
        ...f.notify(),
        contentLength: pick(f.random, ['4294967296', '99999999999999999999', '2147483648', '1e9'])
      }),
    false
  ],
  [
    'content-length-not-a-number',
    (f) => serialize({ ...f.notify(), contentLength: pick(f.random, ['abc', '12abc', '0x10', '', ' ', '1.5', '+3']) }),
    false
  ],
  [
    'missing-header',
    (f) => {
      const draft = f.random() < 0.5 ? f.notify() : f.response()
      const missing = pick(f.random, DIALOG_HEADERS)
      return serialize({ ...draft, headers: draft.headers.filter(([name]) => name !== missing) })
    },
    true
  ],
  [
    'duplicated-header',
    (f) => {
      const draft = f.random() < 0.5 ? f.notify('SIP/2.0 200 OK') : f.response()
      const duplicated = pick(f.random, DIALOG_HEADERS)
      const copy =
        f.random() < 0.5
          ? draft.headers.find(([name]) => name === duplicated)?.[1]
          : f.notify().headers.find(([name]) => name === duplicated)?.[1]
      return serialize({ ...draft, headers: [...draft.headers, [duplicated, copy ?? token(f.random)]] })
    },
    true
  ],
  [
    'response-unknown-branch',
    (f) =>
      serialize(
        f.response(
          randomInt(f.random, 100, 699),
          'Whatever',
          pick(f.random, ['REFER', 'REGISTER', 'NOTIFY', 'INVITE', 'OPTIONS'])
        )
      ),
    true
  ],
  [
    'notify-unknown-call-id',
    (f) =>
      serialize(
        f.notify(
          pick(f.random, ['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing', 'SIP/2.0 200 OK', 'SIP/2.0 486 Busy Here']),
          pick(f.random, ['active;expires=60', 'terminated;reason=noresource'])
        )
      ),
    true
  ],
  [
    'notify-bad-sipfrag',
    (f) =>
      serialize(
        f.notify(
          pick(f.random, BAD_SIPFRAGS)(f),
          pick(f.random, ['active;expires=60', 'terminated;reason=noresource', 'pending', 'bogus', ''])
        )
      ),
    true
  ],
  [
    'huge-header',
    (f) => {
      const draft = f.notify()
      const size = randomInt(f.random, 20_000, 50_000)
      const name = pick(f.random, ['X-Huge', 'Subject', 'Via', 'Call-ID', 'To'])
      return serialize({ ...draft, headers: [...draft.headers, [name, 'x'.repeat(size)]] })
    },
    true
  ],
  [
    'many-headers',
    (f) => {
      const draft = f.notify()
      const extra: Array<[string, string]> = Array.from({ length: randomInt(f.random, 500, 2000) }, (_, i) => [
        `X-H${i}`,
        'v'
      ])
      return serialize({ ...draft, headers: [...draft.headers, ...extra] })
    },
    true
  ],
  [
    'invalid-utf8',
    (f) => {
      const bad = pick(f.random, INVALID_UTF8).toString('latin1')
      const draft =
        f.random() < 0.5
          ? f.notify(Buffer.concat([Buffer.from('SIP/2.0 180 Ri'), Buffer.from(bad, 'latin1')]))
          : f.response(202, `Acc${bad}epted`)
      const where = randomInt(f.random, 0, draft.headers.length - 1)
      draft.headers[where] = [draft.headers[where][0], `${draft.headers[where][1]}${bad}`]
      return serialize(draft)
    },
    true
  ],
  [
    'header-injection',
    (f) => {
      const draft = f.random() < 0.5 ? f.notify('SIP/2.0 200 OK') : f.response()
      const where = pick(f.random, ['From', 'To', 'Contact', 'Call-ID', 'Event', 'Subscription-State'])
      const index = draft.headers.findIndex(([name]) => name === where)
      const injected: [string, string] = [where, pick(f.random, INJECTIONS)]
      if (index >= 0) draft.headers[index] = injected
      else draft.headers.push(injected)
      return serialize(draft)
    },
    true
  ],
  [
    'bad-status-code',
    (f) => serialize(f.response(pick(f.random, ['0', '99', '700', '99999', '-1', 'abc', '1e3', '2OO', '']), 'Odd')),
    true
  ],
  [
    'mutated-valid',
    (f) => {
      let bytes = Buffer.from(f.validSample())
      for (let round = randomInt(f.random, 1, 5); round > 0; round--) {
        const at = randomInt(f.random, 0, Math.max(0, bytes.length - 1))
        const span = randomInt(f.random, 1, 40)
        switch (randomInt(f.random, 0, 3)) {
          case 0:
            bytes[at] ^= 1 << randomInt(f.random, 0, 7)
            break
          case 1:
            bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + span)])
            break
          case 2:
            bytes = Buffer.concat([
              bytes.subarray(0, at + span),
              bytes.subarray(at, at + span),
              bytes.subarray(at + span)
            ])
            break
          default:
            bytes = Buffer.concat([bytes.subarray(0, at), randomBytes(f.random, span), bytes.subarray(at)])
        }
      }
      return bytes
    },
    true
  ]
]

const CONTENT_LENGTH_LINE = /^[ \t]*(?:content-length|l)[ \t]*:/i

/**
 * Re-frames bytes for a stream: the header section (up to the first CRLFCRLF, or all of it) with
 * its lines kept but no blank line and no Content-Length, capped below 64 KB; then one
 * Content-Length that matches the body.
 */
function frameForStream(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1')
  const split = text.indexOf('\r\n\r\n')
  const head = split >= 0 ? text.slice(0, split) : text
  const body = split >= 0 ? bytes.subarray(split + 4) : Buffer.alloc(0)
  const lines = head.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '' && !CONTENT_LENGTH_LINE.test(line))
  const headLines = (lines.length > 0 ? lines : ['GARBAGE']).join('\r\n').slice(0, 60_000)
  return Buffer.concat([Buffer.from(`${headLines}\r\nContent-Length: ${body.length}\r\n\r\n`, 'latin1'), body])
}

export function generateHostileMessages(target: HostileTarget, options: HostileOptions): HostileMessage[] {
  const factory = new HostileFactory(createPrng(options.seed), target, options.framing)
  const generators = options.framing === 'stream' ? GENERATORS.filter(([, , streamSafe]) => streamSafe) : GENERATORS
  return Array.from({ length: options.count }, (_, index) => {
    const [kind, generate] = generators[index % generators.length]
    const bytes = generate(factory)
    if (options.framing === 'stream') return { kind, bytes: frameForStream(bytes) }
    return { kind, bytes: bytes.subarray(0, MAX_DATAGRAM_BYTES) }
  })
}

/**
 * Byte streams no framer can resynchronise after: a client must close the connection (and
 * reconnect) rather than wait forever or misread what follows.
 */
export function streamKillers(target: HostileTarget): HostileMessage[] {
  const factory = new HostileFactory(createPrng(1), target, 'stream')
  return [
    { kind: 'content-length-negative', bytes: serialize({ ...factory.notify(), contentLength: '-5' }) },
    { kind: 'content-length-huge', bytes: serialize({ ...factory.notify(), contentLength: '99999999999999999999' }) },
    { kind: 'content-length-not-a-number', bytes: serialize({ ...factory.notify(), contentLength: 'abc' }) },
    {
      kind: 'content-length-conflicting',
      bytes: serialize({ ...factory.notify(), headers: [...factory.notify().headers, ['Content-Length', '5000']] })
    },
    {
      kind: 'endless-header',
      bytes: Buffer.from(
        `NOTIFY sip:${target.user}@${target.clientHostPort} SIP/2.0\r\nX-Endless: ${'x'.repeat(200_000)}`
      )
    }
  ]
}
