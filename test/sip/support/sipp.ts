/**
 * SIPp as the phone system: one SIPp child process running a UAS scenario from
 * test/sip/scenarios on a loopback port, with its error trace, message trace and `<log>` output
 * collected for assertion messages.
 */
import { spawn } from 'node:child_process'
import dgram from 'node:dgram'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SIPP_BINARY = process.env.SIPP ?? 'sipp'

const SCENARIO_DIR = fileURLToPath(new URL('../scenarios/', import.meta.url))

/** Exit codes SIPp documents (`sipp -h`), for readable failures. */
const SIPP_EXIT_MEANINGS: Record<number, string> = {
  0: 'all calls passed',
  1: 'at least one call failed',
  97: 'the scenario stopped itself (stop_now: a check in the scenario failed)',
  99: 'normal exit without any call processed',
  255: 'fatal error',
  254: 'fatal error binding a socket'
}

export interface SippOptions {
  /** A file name in test/sip/scenarios (e.g. `register-digest.xml`) or an absolute path. */
  scenario: string
  transport: 'udp' | 'tcp'
  /** Loopback port to listen on; a free one when omitted. */
  port?: number
  /** Scenario keywords, passed as `-key name value` (each scenario's header lists the ones it needs). */
  keys?: Record<string, string>
  /** Number of calls (distinct Call-IDs) to process before exiting; 1 by default. */
  calls?: number
  extraArgs?: string[]
  /** SIPp's global timeout (-timeout, -timeout_error): SIPp fails once it is reached. */
  timeoutSeconds: number
}

export interface SippResult {
  /** 0 means every call of the scenario passed. */
  code: number
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Unexpected messages and scenario errors (-trace_err). */
  errorLog?: string
  /** The scenario's `<log>` actions (-trace_logs): its failure paths explain themselves here. */
  scenarioLog?: string
  /** Every message SIPp sent and received (-trace_msg): the wire evidence. */
  messageLog?: string
}

export interface SippPeer {
  port: number
  exited: Promise<SippResult>
  /** Kill SIPp if it still runs (SIGTERM, then SIGKILL) and wait for it. Safe to call twice. */
  stop(): Promise<void>
}

function scenarioPath(scenario: string): string {
  return path.isAbsolute(scenario) ? scenario : path.join(SCENARIO_DIR, scenario)
}

/** A loopback port that was free a moment ago for this protocol. */
export async function freeLoopbackPort(transport: 'udp' | 'tcp'): Promise<number> {
  if (transport === 'tcp') {
    const server = net.createServer()
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as net.AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    return port
  }
  const socket = dgram.createSocket('udp4')
  await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', resolve))
  const { port } = socket.address()
  await new Promise<void>((resolve) => socket.close(() => resolve()))
  return port
}

/** Whether a socket of this protocol is bound (UDP) or listening (TCP) on 127.0.0.1:port, from /proc/net. */
export async function isListening(transport: 'udp' | 'tcp', port: number): Promise<boolean> {
  const table = await readFile(`/proc/net/${transport}`, 'utf8')
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`
  const anyAddress = `00000000:${port.toString(16).toUpperCase().padStart(4, '0')}`
  // st 07 = UDP unconnected socket, 0A = TCP LISTEN
  const state = transport === 'udp' ? '07' : '0A'
  return table.split('\n').some((line) => {
    const fields = line.trim().split(/\s+/)
    return (fields[1] === local || fields[1] === anyAddress) && fields[3] === state
  })
}

function tail(text: string, max: number): string {
  return text.length > max ? `...${text.slice(-max)}` : text
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return undefined
  }
}

/**
 * Starts SIPp as a UAS and resolves once it listens. Rejects (after killing it) when SIPp exits or
 * does not listen within 5 s.
 */
export async function startSipp(options: SippOptions): Promise<SippPeer> {
  const port = options.port ?? (await freeLoopbackPort(options.transport))
  const workDir = await mkdtemp(path.join(tmpdir(), 'deskdial-sipp-'))
  const files = {
    errors: path.join(workDir, 'errors.log'),
    logs: path.join(workDir, 'scenario.log'),
    messages: path.join(workDir, 'messages.log')
  }
  const args = [
    '-sf',
    scenarioPath(options.scenario),
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
    '-t',
    options.transport === 'udp' ? 'u1' : 't1',
    '-m',
    String(options.calls ?? 1),
    '-timeout',
    `${options.timeoutSeconds}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_err',
    '-error_file',
    files.errors,
    '-trace_logs',
    '-log_file',
    files.logs,
    '-trace_msg',
    '-message_file',
    files.messages,
    ...Object.entries(options.keys ?? {}).flatMap(([name, value]) => ['-key', name, value]),
    ...(options.extraArgs ?? [])
  ]
  const child = spawn(SIPP_BINARY, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  // SIPp repaints its statistics screen on stdout: keep only the end.
  child.stdout.on('data', (chunk: Buffer) => (stdout = tail(stdout + chunk.toString('latin1'), 16_000)))
  child.stderr.on('data', (chunk: Buffer) => (stderr = tail(stderr + chunk.toString('latin1'), 16_000)))

  let running = true
  const exited = new Promise<SippResult>((resolve) => {
    const finish = async (code: number | null, signal: NodeJS.Signals | null): Promise<void> => {
      running = false
      const result: SippResult = {
        code: code ?? -1,
        signal,
        stdout,
        stderr,
        errorLog: await readOptional(files.errors),
        scenarioLog: await readOptional(files.logs),
        messageLog: await readOptional(files.messages)
      }
      await rm(workDir, { recursive: true, force: true })
      resolve(result)
    }
    child.once('error', (error) => {
      stderr += `\n${error.message}`
      void finish(-1, null)
    })
    child.once('exit', (code, signal) => void finish(code, signal))
  })
  // Belt and braces: SIPp's own -timeout should end it first.
  const watchdog = setTimeout(() => child.kill('SIGKILL'), (options.timeoutSeconds + 10) * 1000)
  void exited.then(() => clearTimeout(watchdog))

  const stop = async (): Promise<void> => {
    if (running) {
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 1000)
      await exited
      clearTimeout(killer)
    }
    await exited
  }

  const deadline = Date.now() + 5000
  while (!(await isListening(options.transport, port))) {
    if (!running || Date.now() > deadline) {
      await stop()
      const result = await exited
      throw new Error(
        `SIPp did not start listening on ${options.transport} 127.0.0.1:${port} (${options.scenario}):\n${result.stderr}\n${tail(result.stdout, 2000)}`
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return { port, exited, stop }
}

/** A failure message with everything SIPp says about why the scenario did not pass. */
export function describeSippResult(scenario: string, result: SippResult): string {
  const meaning =
    SIPP_EXIT_MEANINGS[result.code] ?? (result.signal ? `killed by ${result.signal}` : 'unknown exit code')
  return [
    `SIPp ${scenario} exited with ${result.code} (${meaning})`,
    result.scenarioLog ? `--- scenario log ---\n${result.scenarioLog.trim()}` : '',
    result.errorLog ? `--- SIPp errors ---\n${tail(result.errorLog.trim(), 4000)}` : '',
    result.stderr.trim() ? `--- stderr ---\n${result.stderr.trim()}` : '',
    result.messageLog ? `--- messages (end) ---\n${tail(result.messageLog.trim(), 6000)}` : ''
  ]
    .filter(Boolean)
    .join('\n')
}
