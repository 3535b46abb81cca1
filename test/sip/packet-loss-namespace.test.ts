/**
 * Real packet loss, not a user-space relay: the built CLI and the built-in demo phone system run
 * in a network namespace this test makes, whose loopback drops 30% of the UDP datagrams (both
 * ways: every datagram crosses the namespace's loopback once) with an nftables `numgen random`
 * rule. DeskDial must still register and complete a dial, and the test reads from nftables how many
 * datagrams were really dropped. Everything it starts it stops by PID, and it removes the namespace.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireTool } from './support/require-tool'

const run = promisify(execFile)
const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')
const PORT = 5090
const LOSS_PERCENT = 30

const RULES = `table inet deskdial_loss {
  counter dropped { }
  chain input {
    type filter hook input priority 0; policy accept;
    meta l4proto udp numgen random mod 100 < ${LOSS_PERCENT} counter name "dropped" drop
  }
}
`

const hasTools = requireTool('ip') && requireTool('nft')

async function inNamespace(namespace: string, command: string[], input?: string): Promise<string> {
  const child = execFile('ip', ['netns', 'exec', namespace, ...command], { timeout: 20_000 })
  if (input !== undefined) child.stdin?.end(input)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command.join(' ')} exited ${code}`))))
  )
  return output
}

async function droppedDatagrams(namespace: string): Promise<number> {
  const listing = await inNamespace(namespace, ['nft', 'list', 'counter', 'inet', 'deskdial_loss', 'dropped'])
  return Number(/packets (\d+)/.exec(listing)?.[1] ?? Number.NaN)
}

describe.skipIf(!hasTools)('30% real UDP packet loss in a network namespace', () => {
  const namespace = `deskdial-loss-${randomBytes(4).toString('hex')}`
  let phoneSystem: ChildProcess | undefined

  beforeAll(async () => {
    await run('ip', ['netns', 'add', namespace])
    await inNamespace(namespace, ['ip', 'link', 'set', 'lo', 'up'])
    await inNamespace(namespace, ['nft', '-f', '-'], RULES)
    phoneSystem = spawn(
      'ip',
      [
        'netns',
        'exec',
        namespace,
        process.execPath,
        CLI,
        'demo-pbx',
        '--port',
        String(PORT),
        '--transport',
        'udp',
        '--user',
        'deskdial',
        '--password',
        'loss-pw'
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe']
      }
    )
    let banner = ''
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The demo phone system did not start: ${banner}`)), 15_000)
      phoneSystem?.stdout?.on('data', (chunk: Buffer) => {
        banner += chunk.toString()
        if (banner.includes('listening')) {
          clearTimeout(timer)
          resolve()
        }
      })
      phoneSystem?.on('exit', (code) => reject(new Error(`The demo phone system exited ${code}: ${banner}`)))
    })
  }, 60_000)

  afterAll(async () => {
    if (phoneSystem?.exitCode === null) {
      const exited = new Promise((resolve) => phoneSystem?.once('exit', resolve))
      phoneSystem.kill('SIGTERM')
      await exited
    }
    await run('ip', ['netns', 'del', namespace]).catch(() => undefined)
  })

  // Three dials of about 15 datagrams each: that none of them loses a datagram has a chance of 0.7^45.
  it('registers and completes three dials in a row although datagrams are really dropped', async () => {
    const before = await droppedDatagrams(namespace)
    for (let attempt = 1; attempt <= 3; attempt++) {
      const dial = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          'ip',
          [
            'netns',
            'exec',
            namespace,
            process.execPath,
            CLI,
            'dial',
            '1002',
            '--server',
            `127.0.0.1:${PORT}`,
            '--user',
            'deskdial',
            '--line',
            '1001',
            '--json',
            '--timeout',
            '150'
          ],
          { env: { ...process.env, DESKDIAL_PASSWORD: 'loss-pw' }, timeout: 170_000 },
          (error, stdout, stderr) =>
            resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr })
        )
      })
      const states = dial.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { state?: string }).state)
      expect(dial.code, `dial ${attempt}:\n${dial.stdout}\n${dial.stderr}`).toBe(0)
      expect(states).toContain('registered')
      expect(states).toContain('connected')
    }
    const dropped = (await droppedDatagrams(namespace)) - before
    expect(dropped).toBeGreaterThan(0)
    console.log(`Dropped ${dropped} UDP datagrams on the way; all three dials still connected.`)
  }, 500_000)
})
