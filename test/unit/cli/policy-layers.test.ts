/**
 * The CLI's account under a policy whose provisioning URL is a local HTTPS server (127.0.0.1, an
 * ephemeral port, a CA this test makes): the copy in the data folder is used while it is fresh.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCli, UsageError } from '../../../src/cli/cli-options'
import { accountUnderPolicy } from '../../../src/cli/policy-layers'
import { makeTestCertificates, type TestCertificates } from '../../support/tls-certs'

let certificates: TestCertificates
let server: Server
let folder: string
let env: NodeJS.ProcessEnv
let requests = 0

beforeEach(async () => {
  certificates = await makeTestCertificates()
  folder = await mkdtemp(join(tmpdir(), 'deskdial-cli-policy-'))
  requests = 0
  const document = {
    defaults: { account: { servers: ['pbx.example.com'], user: 'dd-${username}', line: '1001' } },
    locked: { account: { domain: 'example.com' } }
  }
  server = createServer(
    { key: await readFile(certificates.keyFile), cert: await readFile(certificates.certFile) },
    (_request, response) => {
      requests += 1
      response.writeHead(200, { etag: '"v1"' }).end(JSON.stringify(document))
    }
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/deskdial.json`
  await writeFile(join(folder, 'policy.json'), JSON.stringify({ provisioningUrl: url, caFile: certificates.caFile }))
  env = { DESKDIAL_POLICY: join(folder, 'policy.json'), DESKDIAL_USER_DATA: join(folder, 'data') }
})

afterEach(async () => {
  server.closeAllConnections()
  if (server.listening) await new Promise((resolve) => server.close(resolve))
  await rm(folder, { recursive: true, force: true })
  await certificates.cleanup()
})

async function account(args: string[]) {
  const errors: string[] = []
  const command = parseCli(['register', ...args], env)
  if (command === 'help') throw new Error('no command')
  return { account: await accountUnderPolicy(command, env, (line) => errors.push(line)), errors }
}

describe("the CLI's account under a provisioned policy", () => {
  it('takes the provisioned defaults and locked values, and uses the fresh copy without asking the server again', async () => {
    const first = await account(['--user', 'me'])
    expect(first.errors).toEqual([])
    expect(first.account).toMatchObject({
      servers: ['pbx.example.com'],
      user: 'me',
      line: '1001',
      domain: 'example.com',
      transport: 'udp'
    })
    expect(requests).toBe(1)

    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    const offline = await account([])
    expect(offline.errors).toEqual([])
    expect(offline.account).toMatchObject({ servers: ['pbx.example.com'], user: `dd-${userInfo().username}` })
  })

  it('refuses an option contradicting a value the provisioning URL locks, naming the URL', async () => {
    await expect(account(['--domain', 'other.example.com'])).rejects.toThrow(UsageError)
    await expect(account(['--domain', 'other.example.com'])).rejects.toThrow(
      /^--domain other\.example\.com contradicts the SIP domain set by your administrator in https:\/\/127\.0\.0\.1:\d+\/deskdial\.json\.$/
    )
  })
})
