/**
 * Provisioning from a URL against a local HTTPS server (127.0.0.1, an ephemeral port) whose
 * certificate is signed by a CA this test makes: first fetch, 304, server down, wrong certificate,
 * oversize and malformed documents. The last good copy in the data folder stays in force.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadPolicy, PROVISIONED_POLICY_FILE, type PolicySetup } from '../../../src/main/policy'
import { makeTestCertificates, type TestCertificates } from '../../support/tls-certs'

const DOCUMENT = {
  defaults: { account: { servers: ['pbx.example.com'], user: '${username}' } },
  locked: { account: { domain: 'example.com' }, trustLinksWithoutConfirmation: false }
}

let trusted: TestCertificates
let stranger: TestCertificates
let server: Server
let url: string
let folder: string
let setup: PolicySetup
/** The If-None-Match header of each request the server received ('' when none). */
let asked: string[]
let respond: (request: IncomingMessage, response: ServerResponse) => void

function serveJson(body: unknown, etag: string) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end()
    response.writeHead(200, { 'content-type': 'application/json', etag }).end(JSON.stringify(body))
  }
}

beforeAll(async () => {
  trusted = await makeTestCertificates()
  stranger = await makeTestCertificates()
})

afterAll(async () => {
  await trusted.cleanup()
  await stranger.cleanup()
})

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-provisioning-'))
  asked = []
  respond = serveJson(DOCUMENT, '"v1"')
  server = createServer(
    { key: await readFile(trusted.keyFile), cert: await readFile(trusted.certFile) },
    (request, response) => {
      asked.push(String(request.headers['if-none-match'] ?? ''))
      respond(request, response)
    }
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/deskdial.json`
  const policyFile = join(folder, 'policy.json')
  await writeFile(
    policyFile,
    JSON.stringify({
      provisioningUrl: url,
      caFile: trusted.caFile,
      locked: { account: { servers: ['branch.example.com'] } }
    })
  )
  setup = {
    file: { path: policyFile, named: true },
    dataDirectory: join(folder, 'data'),
    username: 'alice',
    timeoutMs: 3_000
  }
})

afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await rm(folder, { recursive: true, force: true })
})

async function storedCopy(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(setup.dataDirectory, PROVISIONED_POLICY_FILE), 'utf8')) as Record<
    string,
    unknown
  >
}

/** The policy as the first good fetch makes it: the file's locked server wins over the URL's default. */
const PROVISIONED = {
  defaults: { account: { servers: ['pbx.example.com'], user: 'alice' } },
  locked: { account: { servers: ['branch.example.com'], domain: 'example.com' }, trustLinksWithoutConfirmation: false }
}

async function fetchFirstCopy(): Promise<void> {
  const first = await loadPolicy(setup, 'always')
  expect(first.notice).toBeUndefined()
  expect(first.policy).toMatchObject(PROVISIONED)
}

describe('provisioning from a URL', () => {
  it('fetches the document at start, applies it under the policy file, and keeps a copy with its ETag', async () => {
    const state = await loadPolicy(setup, 'always')
    expect(state.notice).toBeUndefined()
    expect(state.problems).toEqual([])
    expect(state.policy).toMatchObject(PROVISIONED)
    expect(state.policy.lockedBy).toEqual({
      'account.servers': setup.file.path,
      'account.domain': url,
      trustLinksWithoutConfirmation: url
    })
    expect(state.sources).toEqual([setup.file.path, url])
    expect(asked).toEqual([''])
    expect(await storedCopy()).toMatchObject({ url, etag: '"v1"', document: DOCUMENT })
  })

  it('sends If-None-Match on refresh and keeps its copy on 304', async () => {
    await fetchFirstCopy()
    const before = await storedCopy()
    const again = await loadPolicy({ ...setup, now: () => Date.now() + 60_000 }, 'always')
    expect(asked).toEqual(['', '"v1"'])
    expect(again.notice).toBeUndefined()
    expect(again.policy).toMatchObject(PROVISIONED)
    expect(await storedCopy()).toMatchObject({ etag: '"v1"', document: DOCUMENT })
    expect((await storedCopy()).fetchedAt).toBeGreaterThan(before.fetchedAt as number)
  })

  it('uses the copy when the server cannot be reached, and says so', async () => {
    await fetchFirstCopy()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    const state = await loadPolicy(setup, 'always')
    expect(state.policy).toMatchObject(PROVISIONED)
    expect(state.notice).toMatch(
      new RegExp(`^DeskDial could not update its policy from ${url}: .*ECONNREFUSED.*\\. It uses the copy fetched on `)
    )
  })

  it('refuses a server whose certificate its CA did not sign, and keeps the copy', async () => {
    await fetchFirstCopy()
    server.setSecureContext({ key: await readFile(stranger.keyFile), cert: await readFile(stranger.certFile) })
    respond = serveJson({ locked: { account: { domain: 'attacker.example.com' } } }, '"evil"')
    const state = await loadPolicy(setup, 'always')
    expect(state.notice).toMatch(
      /: unable to verify the first certificate \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)\. It uses the copy fetched on /
    )
    expect(state.policy).toMatchObject(PROVISIONED)
    expect(await storedCopy()).toMatchObject({ etag: '"v1"', document: DOCUMENT })
  })

  it('refuses a document larger than 1 MiB while it streams, and keeps the copy', async () => {
    await fetchFirstCopy()
    respond = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', etag: '"huge"' })
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      for (let sent = 0; sent < 2 * 1024 * 1024; sent += chunk.length) response.write(chunk)
      response.end('{}')
    }
    const state = await loadPolicy(setup, 'always')
    expect(state.notice).toContain(`${url}: the document is larger than 1048576 bytes.`)
    expect(state.policy).toMatchObject(PROVISIONED)
    expect(await storedCopy()).toMatchObject({ etag: '"v1"', document: DOCUMENT })
  })

  it('refuses a document that is not JSON or not an object, and keeps the copy', async () => {
    await fetchFirstCopy()
    respond = (_request, response) => void response.writeHead(200, { etag: '"broken"' }).end('{ "locked": ')
    const broken = await loadPolicy(setup, 'always')
    expect(broken.notice).toContain(`${url}: the document is not valid JSON`)
    expect(broken.policy).toMatchObject(PROVISIONED)

    respond = (_request, response) => void response.writeHead(200, { etag: '"list"' }).end('[]')
    const list = await loadPolicy(setup, 'always')
    expect(list.notice).toContain(`${url}: the document is not a JSON object`)
    expect(list.policy).toMatchObject(PROVISIONED)
    expect(await storedCopy()).toMatchObject({ etag: '"v1"', document: DOCUMENT })
  })

  it('says when there is no copy yet, and applies only the policy file', async () => {
    respond = (_request, response) => void response.writeHead(503).end()
    const state = await loadPolicy(setup, 'always')
    expect(state.notice).toBe(
      `DeskDial could not update its policy from ${url}: the server answered HTTP 503 instead of the document. Until it can, only the policy file applies.`
    )
    expect(state.policy.locked).toEqual({ account: { servers: ['branch.example.com'] } })
  })

  it('applies a fetched document it cannot keep a copy of, and says so', async () => {
    const notAFolder = join(folder, 'data-is-a-file')
    await writeFile(notAFolder, '')
    const state = await loadPolicy({ ...setup, dataDirectory: notAFolder }, 'always')
    expect(state.policy).toMatchObject(PROVISIONED)
    expect(state.notice).toMatch(
      new RegExp(
        `^DeskDial could not keep a copy of its policy from ${url} in ${notAFolder} \\(.*\\); it applies the policy it fetched\\.$`
      )
    )
  })

  it('for the CLI, fetches only when the copy is missing or older than provisioningRefreshHours', async () => {
    await loadPolicy(setup, 'when-stale')
    await loadPolicy({ ...setup, now: () => Date.now() + 7 * 3_600_000 }, 'when-stale')
    expect(asked).toEqual([''])
    await loadPolicy({ ...setup, now: () => Date.now() + 9 * 3_600_000 }, 'when-stale')
    expect(asked).toEqual(['', '"v1"'])
  })

  it('reports the keys a provisioned document may not set, and applies the rest', async () => {
    respond = serveJson({ ...DOCUMENT, provisioningUrl: 'https://elsewhere.example.com/p.json' }, '"v2"')
    const state = await loadPolicy(setup, 'always')
    expect(state.problems).toEqual([
      { source: url, key: 'provisioningUrl', problem: 'It is read only from the policy file on the computer.' }
    ])
    expect(state.policy).toMatchObject(PROVISIONED)
  })
})
