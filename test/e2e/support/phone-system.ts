/**
 * A real SIP peer for the end-to-end tests: SIPp playing the phone system from
 * test/e2e/scenarios on a loopback UDP port, with a message trace to read back what it received.
 *
 * Why not the SIP rig's startSipp: it finds its scenarios through `import.meta.url`, which
 * Playwright's loader cannot run in this CommonJS package (vitest can). Once the rig resolves
 * paths without it, this file shrinks to a call to startSipp.
 */
import { execFileSync, spawn } from 'node:child_process'
import dgram from 'node:dgram'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { headerValues, receivedMessages } from '../../sip/support/digest'

export interface PhoneSystem {
  /** host:port for DeskDial's server list. */
  address: string
  /** The REGISTERs the phone system has received so far, in order. */
  registers(): Promise<RegisterRequest[]>
  stop(): Promise<void>
}

export interface RegisterRequest {
  callId: string
  /** The Expires header: 0 asks to remove the registration (DeskDial quitting). */
  expires: number
}

export type PhoneSystemOptions =
  /** Registers DeskDial and reports this final sipfrag status line for every call, e.g. "486 Busy Here". */
  | { finalStatus: string }
  /** Answers every REGISTER with 503 Service Unavailable. */
  | { unavailable: true }
  /** Registers DeskDial and tells line states (pbx-line-states.xml): 1001 called by +12015550123, then in a call; 2001 busy; others free. */
  | { lineStates: true }

const SCENARIOS = path.resolve('test/e2e/scenarios')
const SIPP_BINARY = process.env.SIPP ?? 'sipp'

export function isSippInstalled(): boolean {
  try {
    execFileSync(SIPP_BINARY, ['-v'], { stdio: 'ignore' })
  } catch (error) {
    // `sipp -v` exits 99 after printing its version: only a missing binary is a problem.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
  }
  return true
}

function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4')
  return new Promise((resolve, reject) =>
    socket.once('error', reject).bind(0, '127.0.0.1', () => {
      const { port } = socket.address()
      socket.close(() => resolve(port))
    })
  )
}

/** True once something (SIPp) holds the UDP port. */
function portTaken(port: number): Promise<boolean> {
  const probe = dgram.createSocket('udp4')
  return new Promise((resolve) => {
    probe.once('error', () => resolve(true))
    probe.bind(port, '127.0.0.1', () => probe.close(() => resolve(false)))
  })
}

/**
 * Starts SIPp on a free port. The port is free when asked for, but another process (a DeskDial
 * socket, Chromium) may take it before SIPp binds it: then SIPp starts again on another port.
 */
export async function startPhoneSystem(options: PhoneSystemOptions): Promise<PhoneSystem> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startPhoneSystemOnce(options, await freeUdpPort())
    } catch (error) {
      if (!(error instanceof PortTakenMeanwhile) || attempt === 5) throw error
    }
  }
}

class PortTakenMeanwhile extends Error {}

async function startPhoneSystemOnce(options: PhoneSystemOptions, port: number): Promise<PhoneSystem> {
  const workDir = await mkdtemp(path.join(tmpdir(), 'deskdial-phone-system-'))
  const messages = path.join(workDir, 'messages.log')
  const scenario =
    'finalStatus' in options
      ? ['-sf', path.join(SCENARIOS, 'pbx-click-to-dial.xml'), '-key', 'final', options.finalStatus]
      : 'lineStates' in options
        ? ['-sf', path.join(SCENARIOS, 'pbx-line-states.xml')]
        : ['-sf', path.join(SCENARIOS, 'pbx-unavailable.xml')]
  // -m: registrations, connection tests and calls each count as one SIPp call; the test stops SIPp.
  const args = [
    ...scenario,
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
    '-t',
    'u1',
    '-m',
    '1000',
    '-timeout',
    '170s',
    '-nostdin',
    '-trace_msg',
    '-message_file',
    messages
  ]
  const sipp = spawn(SIPP_BINARY, args, { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  sipp.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('latin1')))
  const exited = new Promise<void>((resolve) => sipp.once('exit', () => resolve()))
  const stop = async () => {
    if (sipp.exitCode === null && sipp.signalCode === null) sipp.kill('SIGKILL')
    await exited
    await rm(workDir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 5_000
  while (!(await portTaken(port))) {
    if (sipp.exitCode !== null || Date.now() > deadline) {
      await stop()
      const message = `SIPp did not start on udp 127.0.0.1:${port}: ${stderr}`
      throw stderr.includes('Address already in use') ? new PortTakenMeanwhile(message) : new Error(message)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  const registers = async (): Promise<RegisterRequest[]> => {
    const log = await readFile(messages, 'latin1').catch((error: NodeJS.ErrnoException) => {
      // SIPp creates the file with the first message.
      if (error.code === 'ENOENT') return ''
      throw error
    })
    return receivedMessages(log)
      .filter((message) => message.startsWith('REGISTER '))
      .map((message) => ({
        callId: headerValues(message, 'Call-ID')[0] ?? '',
        expires: Number(headerValues(message, 'Expires')[0])
      }))
  }
  return { address: `127.0.0.1:${port}`, registers, stop }
}
