/**
 * A real SIP peer for the end-to-end tests: SIPp playing the phone system from
 * test/e2e/scenarios on a loopback UDP port.
 *
 * Why not the SIP rig's startSipp: it finds its scenarios through `import.meta.url`, which
 * Playwright's loader cannot run in this CommonJS package (vitest can). Once the rig resolves
 * paths without it, this file shrinks to a call to startSipp.
 */
import { spawn } from 'node:child_process'
import dgram from 'node:dgram'
import path from 'node:path'

export interface PhoneSystem {
  /** host:port for DeskDial's server list. */
  address: string
  stop(): Promise<void>
}

export type PhoneSystemOptions =
  /** Registers DeskDial and reports this final sipfrag status line for every call, e.g. "486 Busy Here". */
  | { finalStatus: string }
  /** Answers every REGISTER with 503 Service Unavailable. */
  | { unavailable: true }

const SCENARIOS = path.resolve('test/e2e/scenarios')
export const SIPP_BINARY = process.env.SIPP ?? 'sipp'

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

export async function startPhoneSystem(options: PhoneSystemOptions): Promise<PhoneSystem> {
  const port = await freeUdpPort()
  const scenario = 'finalStatus' in options ? ['-sf', path.join(SCENARIOS, 'pbx-click-to-dial.xml'), '-key', 'final', options.finalStatus] : ['-sf', path.join(SCENARIOS, 'pbx-unavailable.xml')]
  // -m: registrations, connection tests and calls each count as one SIPp call; the test stops SIPp.
  const args = [...scenario, '-i', '127.0.0.1', '-p', String(port), '-t', 'u1', '-m', '1000', '-timeout', '170s', '-nostdin']
  const sipp = spawn(SIPP_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  sipp.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('latin1')))
  const exited = new Promise<void>((resolve) => sipp.once('exit', () => resolve()))
  const stop = async () => {
    if (sipp.exitCode === null && sipp.signalCode === null) sipp.kill('SIGKILL')
    await exited
  }
  const deadline = Date.now() + 5_000
  while (!(await portTaken(port))) {
    if (sipp.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`SIPp did not start on udp 127.0.0.1:${port}: ${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return { address: `127.0.0.1:${port}`, stop }
}
