/**
 * `deskdial demo-pbx`: the built-in demo phone system in the foreground.
 * `deskdial demo`: the demo phone system on a free loopback port, DeskDial registered to it, and
 * one call to a virtual phone, reported as `dial` reports it.
 */
import { parseArgs } from 'node:util'
import { DEFAULT_ACCOUNT_SETTINGS } from '../shared/account-settings'
import {
  DEMO_DEFAULTS,
  describeSpecialNumbers,
  startDemoPhoneSystem,
  type DemoPhoneSystem,
  type DemoTransport
} from '../demo-pbx'
import type { CliCommand } from './cli-options'

export const DEMO_COMMANDS = ['demo-pbx', 'demo'] as const

export const DEMO_PBX_USAGE = `Usage:
  deskdial demo-pbx [options]   run the built-in demo phone system until Ctrl+C
  deskdial demo [--json]        start it on a free port, register DeskDial, dial ${DEMO_DEFAULTS.answeringNumber}, exit 0 when connected

demo-pbx options:
  --host ADDRESS          address to listen on (default ${DEMO_DEFAULTS.host}: this computer only)
  --port PORT             UDP and TCP port (default ${DEMO_DEFAULTS.port}; 0 picks a free one)
  --transport udp|tcp|both (default ${DEMO_DEFAULTS.transport})
  --user NAME             DeskDial's account (default ${DEMO_DEFAULTS.user})
  --password PW           DeskDial's password: its REGISTER and REFER are then digest-challenged
  --phone-password PW     phones must register with their number as user name and this password
  --talk-time SECONDS     virtual phones hang up after talking this long (default 60)

Phones (baresip, Linphone, a desk phone) register under any number. Every number without a phone
is a virtual phone that answers after a second, except:
${describeSpecialNumbers()}`

export type DemoIo = {
  write(line: string): void
  writeError(line: string): void
}

/** Runs `dial` as the CLI does, for `demo`: given by deskdial.ts, which owns the output. */
export type ExecuteDial = (command: CliCommand) => Promise<number>

class DemoUsageError extends Error {}

function parseDemoPbxOptions(argv: string[]) {
  let values
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        transport: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'phone-password': { type: 'string' },
        'talk-time': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    }).values
  } catch (error) {
    throw new DemoUsageError((error as Error).message)
  }
  const port = values.port === undefined ? DEMO_DEFAULTS.port : Number(values.port)
  if (!/^\d{1,5}$/.test(values.port ?? '0') || port > 65_535)
    throw new DemoUsageError(`--port must be a number from 0 to 65535, not "${values.port}".`)
  const transport = values.transport ?? DEMO_DEFAULTS.transport
  if (!['udp', 'tcp', 'both'].includes(transport))
    throw new DemoUsageError(`--transport must be udp, tcp or both, not "${transport}".`)
  if (values.user !== undefined && !/^[A-Za-z0-9._~+-]{1,64}$/.test(values.user))
    throw new DemoUsageError('--user must be letters, digits and . _ ~ + - only.')
  if (values.password !== undefined && values.user === undefined)
    throw new DemoUsageError('--password needs --user: the account it protects.')
  const talkTime = Number(values['talk-time'] ?? 60)
  if (!/^\d{1,5}$/.test(values['talk-time'] ?? '60') || talkTime < 1)
    throw new DemoUsageError(`--talk-time must be a whole number of seconds from 1, not "${values['talk-time']}".`)
  return {
    virtualPhones: { talkTimeMs: talkTime * 1000 },
    help: values.help === true,
    host: values.host ?? DEMO_DEFAULTS.host,
    port,
    transport: transport as DemoTransport | 'both',
    account: { user: values.user ?? DEMO_DEFAULTS.user, password: values.password },
    phonePassword: values['phone-password']
  }
}

function describe(pbx: DemoPhoneSystem): string {
  const password = pbx.account.password ? `, password ${pbx.account.password}` : ', no password'
  return `Demo phone system listening on ${pbx.transports.join('+').toUpperCase()} ${pbx.host}:${pbx.port}. DeskDial's account: ${pbx.account.user}${password}.`
}

/** `deskdial demo-pbx`: runs until SIGINT or SIGTERM, then stops and resolves with the exit code. */
export async function runDemoPhoneSystem(argv: string[], io: DemoIo): Promise<number> {
  let options
  try {
    options = parseDemoPbxOptions(argv)
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error
    io.writeError(error.message)
    io.writeError(DEMO_PBX_USAGE)
    return 2
  }
  if (options.help) {
    io.write(DEMO_PBX_USAGE)
    return 0
  }
  let pbx: DemoPhoneSystem
  try {
    pbx = await startDemoPhoneSystem({ ...options, log: io.write })
  } catch (error) {
    io.writeError((error as Error).message)
    return 3
  }
  io.write(describe(pbx))
  io.write(
    `Phones register under any number${options.phonePassword ? ' with the phone password' : ''}; other numbers are virtual phones. Stop with Ctrl+C.`
  )
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  io.write(`${signal}: stopping the demo phone system.`)
  await pbx.stop()
  return 0
}

/** `deskdial demo`: one call through a fresh demo phone system; resolves with dial's exit code. */
export async function runDemo(argv: string[], io: DemoIo, executeDial: ExecuteDial): Promise<number> {
  let json: boolean
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
    })
    if (values.help) {
      io.write(DEMO_PBX_USAGE)
      return 0
    }
    json = values.json === true
  } catch (error) {
    io.writeError(`${(error as Error).message} "deskdial demo" takes only --json.`)
    return 2
  }
  let pbx: DemoPhoneSystem
  try {
    pbx = await startDemoPhoneSystem({ port: 0, account: { password: 'random' } })
  } catch (error) {
    io.writeError((error as Error).message)
    return 3
  }
  const server = `${pbx.host}:${pbx.port}`
  if (json)
    io.write(
      JSON.stringify({
        event: 'demo',
        server,
        user: pbx.account.user,
        line: DEMO_DEFAULTS.deskPhone,
        number: DEMO_DEFAULTS.answeringNumber
      })
    )
  else
    io.write(
      `Demo phone system on ${server}: DeskDial registers as ${pbx.account.user}, rings the virtual desk phone ${DEMO_DEFAULTS.deskPhone}, then calls ${DEMO_DEFAULTS.answeringNumber}.`
    )
  try {
    return await executeDial({
      command: 'dial',
      number: DEMO_DEFAULTS.answeringNumber,
      account: {
        ...DEFAULT_ACCOUNT_SETTINGS,
        servers: [server],
        transport: 'udp',
        user: pbx.account.user,
        line: DEMO_DEFAULTS.deskPhone,
        displayName: 'DeskDial demo'
      },
      password: pbx.account.password,
      timeoutSeconds: 30,
      json,
      verbose: false,
      trace: false,
      passwordFromStdin: false
    })
  } finally {
    await pbx.stop()
  }
}
