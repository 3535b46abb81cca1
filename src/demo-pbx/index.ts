/**
 * The built-in demo phone system, Electron-free: a small SIP server that behaves like Cisco
 * SRST/CME with `refer-ood enable` and `authenticate ood-refer`, so DeskDial can be tried without
 * a phone system. Real SIP phones may register under any number; every other number is a virtual
 * phone (see SPECIAL_NUMBERS for the ones that fail on purpose).
 *
 * ```ts
 * const pbx = await startDemoPhoneSystem({ port: 0, log: console.log })
 * // DeskDial: server `${pbx.host}:${pbx.port}`, user pbx.account.user, password pbx.account.password
 * await pbx.stop()
 * ```
 */
import { randomBytes } from 'node:crypto'
import { DemoPhoneSystemServer, type DeskDialAccount } from './demo-phone-system'
import { DIGEST_ALGORITHMS, type DigestAlgorithm } from './digest-challenge'
import type { DemoTransport } from './sip-network'
import { DEFAULT_TRANSACTION_TIMING, type TransactionTiming } from './transactions'
import { DEFAULT_VIRTUAL_PHONE_TIMING, type VirtualPhoneTiming } from './virtual-phone-leg'

export { SPECIAL_NUMBERS, describeSpecialNumbers, type SpecialNumber } from './special-numbers'
export type { DemoTransport } from './sip-network'
export type { DeskDialAccount } from './demo-phone-system'
export type { DigestAlgorithm } from './digest-challenge'

export const DEMO_DEFAULTS = {
  host: '127.0.0.1',
  port: 5060,
  transport: 'both',
  user: 'deskdial',
  /** The desk phone DeskDial rings first when nothing else is set up: a virtual phone. */
  deskPhone: '1001',
  /** A number that answers: a virtual phone. */
  answeringNumber: '1002',
  ringTimeoutMs: 15_000,
  maxCalls: 20
} as const

export interface DemoPhoneSystemOptions {
  /** Address to listen on; loopback (127.0.0.1) by default. */
  host?: string
  /** 5060 by default; 0 picks a free port (the same for UDP and TCP). */
  port?: number
  transport?: DemoTransport | 'both'
  /**
   * DeskDial's account. REGISTER and REFER are challenged (digest MD5 and SHA-256) for it when it
   * has a password; `password: 'random'` makes one up (read it back from `account`).
   */
  account?: Partial<DeskDialAccount>
  /** When set, phones register with their number as user name and this password. */
  phonePassword?: string
  /** Digest algorithms offered, preferred first: SHA-256 and MD5 by default; `['MD5']` as a Cisco CME offers. */
  digestAlgorithms?: DigestAlgorithm[]
  /** How long any phone may ring before the call is cancelled (487, "Nobody answered"). */
  ringTimeoutMs?: number
  virtualPhones?: Partial<VirtualPhoneTiming>
  /** Concurrent click-to-dial calls; more are refused with 503. */
  maxCalls?: number
  transactionTiming?: Partial<TransactionTiming>
  /** One line per SIP message or call event. */
  log?: (line: string) => void
}

export interface DemoPhoneSystem {
  host: string
  /** The port it listens on, over every transport it serves. */
  port: number
  transports: DemoTransport[]
  /** The account DeskDial registers and sends REFERs with. */
  account: DeskDialAccount
  /** Numbers with a phone registered right now. */
  readonly registeredPhones: string[]
  readonly activeCalls: number
  /** Ends every call, closes every socket and clears every timer. */
  stop(): Promise<void>
}

function transportsOf(transport: DemoPhoneSystemOptions['transport']): DemoTransport[] {
  switch (transport ?? DEMO_DEFAULTS.transport) {
    case 'udp':
      return ['udp']
    case 'tcp':
      return ['tcp']
    case 'both':
      return ['udp', 'tcp']
    default:
      throw new Error(`The demo phone system's transport must be udp, tcp or both, not "${transport}".`)
  }
}

/** Starts the demo phone system; rejects with a sentence when it cannot listen on host:port. */
export async function startDemoPhoneSystem(options: DemoPhoneSystemOptions = {}): Promise<DemoPhoneSystem> {
  const host = options.host ?? DEMO_DEFAULTS.host
  const port = options.port ?? DEMO_DEFAULTS.port
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`The port must be a number from 0 to 65535, not ${port}.`)
  const transports = transportsOf(options.transport)
  const password =
    options.account?.password === 'random' ? randomBytes(12).toString('base64url') : options.account?.password
  const account: DeskDialAccount = {
    user: options.account?.user ?? DEMO_DEFAULTS.user,
    authUser: options.account?.authUser,
    password
  }
  const server = new DemoPhoneSystemServer({
    host,
    transports,
    account,
    phonePassword: options.phonePassword,
    digestAlgorithms: options.digestAlgorithms ?? DIGEST_ALGORITHMS,
    maxCalls: options.maxCalls ?? DEMO_DEFAULTS.maxCalls,
    ringTimeoutMs: options.ringTimeoutMs ?? DEMO_DEFAULTS.ringTimeoutMs,
    virtualPhones: { ...DEFAULT_VIRTUAL_PHONE_TIMING, ...options.virtualPhones },
    transactions: { ...DEFAULT_TRANSACTION_TIMING, ...options.transactionTiming },
    log: options.log ?? (() => undefined)
  })
  let bound: number
  try {
    bound = await server.start(port)
  } catch (error) {
    await server.stop()
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE')
      throw new Error(
        `Port ${port} on ${host} is in use: stop what uses it, or choose another port with --port (0 picks a free one).`
      )
    if (code === 'EACCES')
      throw new Error(`Not allowed to listen on port ${port} of ${host}: choose a port above 1023 with --port.`)
    if (code === 'EADDRNOTAVAIL')
      throw new Error(
        `${host} is not an address of this computer: choose one with --host (127.0.0.1 for this computer only).`
      )
    throw error
  }
  return {
    host,
    port: bound,
    transports,
    account,
    get registeredPhones() {
      return server.registered
    },
    get activeCalls() {
      return server.activeCalls
    },
    stop: () => server.stop()
  }
}
