/**
 * The CLI under an administrator's policy (issue 17): the phone system's address, transport and
 * domain come only from the policy file named by DESKDIAL_POLICY; an option contradicting a
 * locked setting is refused.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { receivedMessages } from './support/digest'
import { deskdial } from './support/deskdial-cli'
import { requireTool } from './support/require-tool'
import { describeSippResult, startSipp, type SippPeer } from './support/sipp'

const PHONE_SYSTEM = path.resolve(__dirname, '../../bench/scenarios/phone-system-uas.xml')

describe.skipIf(!requireTool('sipp'))('the deskdial command line under a policy file', () => {
  let peer: SippPeer | undefined
  let scratch: string

  beforeEach(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'deskdial-cli-policy-'))
  })

  afterEach(async () => {
    await peer?.stop()
    peer = undefined
    await rm(scratch, { recursive: true, force: true })
  })

  async function writePolicy(policy: unknown): Promise<NodeJS.ProcessEnv> {
    const file = path.join(scratch, 'policy.json')
    await writeFile(file, JSON.stringify(policy))
    return { DESKDIAL_POLICY: file, DESKDIAL_USER_DATA: path.join(scratch, 'data') }
  }

  it('dials with the server, transport and domain from the policy; a wrong policy key is named on stderr and the rest applies', async () => {
    peer = await startSipp({ scenario: PHONE_SYSTEM, transport: 'tcp', timeoutSeconds: 20 })
    const env = await writePolicy({
      defaults: { account: { servers: [`127.0.0.1:${peer.port}`] }, dialPlan: { country: 'Atlantis' } },
      locked: { account: { transport: 'tcp', domain: 'pbx.example.com' } }
    })
    // The user's settings file asks for UDP: the locked TCP wins over it.
    const settings = path.join(scratch, 'settings.json')
    await writeFile(settings, JSON.stringify({ account: { user: 'deskdial', line: '1001', transport: 'udp' } }))
    const run = await deskdial(['dial', '1002', '--config', settings, '--no-register', '--json'], env)

    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain(
      `The policy ${env.DESKDIAL_POLICY} has a wrong value at "defaults.dialPlan.country": Choose the country of your desk phone`
    )
    const result = await peer.exited
    expect(result.code, describeSippResult('phone-system-uas', result)).toBe(0)
    const [refer] = receivedMessages(result.messageLog)
    expect(refer).toMatch(/^REFER sip:1001@pbx\.example\.com[;\s]/)
    expect(refer).toMatch(/^Refer-To:\s*<?sip:1002@pbx\.example\.com/im)
  })

  it('refuses a --server that contradicts the locked server, with exit 2 and a sentence naming the policy file', async () => {
    peer = await startSipp({ scenario: PHONE_SYSTEM, transport: 'udp', timeoutSeconds: 20 })
    const env = await writePolicy({ locked: { account: { servers: [`127.0.0.1:${peer.port}`] } } })
    const refused = await deskdial(
      ['dial', '1002', '--server', '10.9.9.9', '--user', 'deskdial', '--line', '1001', '--no-register'],
      env
    )
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      `--server 10.9.9.9 contradicts the server set by your administrator in ${env.DESKDIAL_POLICY}.`
    )

    // The same server as the policy's contradicts nothing: the call goes through.
    const agreed = await deskdial(
      ['dial', '1002', '--server', `127.0.0.1:${peer.port}`, '--user', 'deskdial', '--line', '1001', '--no-register'],
      env
    )
    expect(agreed.code, agreed.stderr).toBe(0)
    const result = await peer.exited
    expect(result.code, describeSippResult('phone-system-uas', result)).toBe(0)
  })
})
