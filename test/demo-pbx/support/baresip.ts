/**
 * baresip as a real SIP phone for the tests: its own temporary config directory, loopback ports,
 * a sine tone as microphone and a file as speaker (no audio device), auto-answer, and its
 * `ctrl_tcp` module (netstring-framed JSON) as the way to read its call events and to hang up.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import dgram from 'node:dgram'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Waiters } from '../../sip/support/waiters'

const BARESIP_BINARY = process.env.BARESIP ?? 'baresip'
const MODULE_PATH = process.env.BARESIP_MODULES ?? '/usr/lib/baresip/modules'

export interface BaresipEvent {
  type: string
  class?: string
  param?: string
  peeruri?: string
  [key: string]: unknown
}

export interface BaresipPhone {
  number: string
  events: BaresipEvent[]
  /** Resolves with the first event of this type (already received or still to come). */
  waitForEvent(type: string, timeoutMs: number): Promise<BaresipEvent>
  command(command: string, params?: string): void
  /** Everything baresip printed, for failure messages. */
  output(): string
  /** Kills baresip by PID (SIGTERM, then SIGKILL) and removes its directory. */
  stop(): Promise<void>
}

export interface BaresipOptions {
  number: string
  pbxPort: number
  transport: 'udp' | 'tcp'
  password?: string
  /** `auto` (the default) answers at once; `manual` rings until the `accept` command. */
  answerMode?: 'auto' | 'manual'
}

function canBind(port: number): Promise<boolean> {
  const tcp = new Promise<boolean>((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
  const udp = new Promise<boolean>((resolve) => {
    const socket = dgram.createSocket('udp4')
    socket.once('error', () => {
      socket.close()
      resolve(false)
    })
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)))
  })
  return Promise.all([tcp, udp]).then(([a, b]) => a && b)
}

/** A free loopback port whose successor is free too: baresip listens for TLS on sip_listen + 1. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000)
    if ((await canBind(port)) && (await canBind(port + 1))) return port
  }
  throw new Error('Found no two free neighbouring loopback ports for baresip.')
}

async function freeTcpPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Reads netstrings (`<length>:<data>,`) off a stream. */
function netstringReader(onMessage: (text: string) => void): (chunk: Buffer) => void {
  let buffer = Buffer.alloc(0)
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk])
    for (;;) {
      const colon = buffer.indexOf(':')
      if (colon < 0) return
      const length = Number(buffer.subarray(0, colon).toString())
      if (buffer.length < colon + 1 + length + 1) return
      onMessage(buffer.subarray(colon + 1, colon + 1 + length).toString())
      buffer = buffer.subarray(colon + 2 + length)
    }
  }
}

export async function startBaresip(options: BaresipOptions): Promise<BaresipPhone> {
  const dir = await mkdtemp(path.join(tmpdir(), 'deskdial-baresip-'))
  const sipPort = await freePortPair()
  const controlPort = await freeTcpPort()
  const config = [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${sipPort}`,
    'net_interface 127.0.0.1',
    `module_path ${MODULE_PATH}`,
    'module g711.so',
    'module ausine.so',
    'module aufile.so',
    'module_app account.so',
    'module_app ctrl_tcp.so',
    // menu provides the commands ctrl_tcp runs (hangup)
    'module_app menu.so',
    `ctrl_tcp_listen 127.0.0.1:${controlPort}`,
    // ausine makes 48 kHz stereo only; baresip resamples to G.711's 8 kHz mono.
    'audio_source ausine,440',
    'ausrc_srate 48000',
    'ausrc_channels 2',
    `audio_player aufile,${path.join(dir, 'heard.wav')}`,
    'auplay_srate 48000',
    'auplay_channels 2',
    `audio_alert aufile,${path.join(dir, 'alert.wav')}`,
    'rtp_ports 40000-49999',
    ''
  ].join('\n')
  const auth = options.password ? `;auth_user=${options.number};auth_pass=${options.password}` : ''
  const account = `<sip:${options.number}@127.0.0.1:${options.pbxPort};transport=${options.transport}>;answermode=${options.answerMode ?? 'auto'};regint=600${auth}\n`
  await writeFile(path.join(dir, 'config'), config)
  await writeFile(path.join(dir, 'accounts'), account)
  await writeFile(path.join(dir, 'contacts'), '')

  let output = ''
  const child = spawn(BARESIP_BINARY, ['-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('latin1')).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let running = true
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running = false
      resolve()
    })
    child.once('error', (error) => {
      output += `\n${error.message}`
      running = false
      resolve()
    })
  })

  const events: BaresipEvent[] = []
  const waiters = new Waiters()
  let control: net.Socket | undefined
  const deadline = Date.now() + 10_000
  while (!control) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL')
      await exited
      await rm(dir, { recursive: true, force: true })
      throw new Error(`baresip for ${options.number} did not open its control port:\n${output}`)
    }
    control = await new Promise<net.Socket | undefined>((resolve) => {
      const socket = net.connect(controlPort, '127.0.0.1')
      socket.once('connect', () => resolve(socket))
      socket.once('error', () => resolve(undefined))
    })
    if (!control) await new Promise((resolve) => setTimeout(resolve, 50))
  }
  control.on(
    'data',
    netstringReader((text) => {
      const message = JSON.parse(text) as BaresipEvent & { event?: boolean }
      if (!message.event) return
      events.push(message)
      waiters.notify()
    })
  )
  control.on('error', () => undefined)
  let token = 0

  return {
    number: options.number,
    events,
    output: () => output,
    waitForEvent: (type, timeoutMs) =>
      waiters.waitFor(
        () => events.find((event) => event.type === type),
        timeoutMs,
        () =>
          `baresip ${options.number} reported no ${type} within ${timeoutMs} ms. Its events: ${events.map((e) => e.type).join(', ')}\n${output}`
      ),
    command: (command, params = '') => {
      const json = JSON.stringify({ command, params, token: String(++token) })
      control?.write(`${Buffer.byteLength(json)}:${json},`)
    },
    stop: async () => {
      control?.destroy()
      if (running) {
        child.kill('SIGTERM')
        const killer = setTimeout(() => child.kill('SIGKILL'), 2_000)
        await exited
        clearTimeout(killer)
      }
      await rm(dir, { recursive: true, force: true })
    }
  }
}
