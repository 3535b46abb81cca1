import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { describePolicyProblem, policyFilePath } from '../../../src/main/policy'
import { readPolicyFile } from '../../../src/main/policy/policy-file'

let folder: string
let file: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-policy-'))
  file = join(folder, 'policy.json')
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function read(content: unknown, named = true) {
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content))
  return readPolicyFile({ path: file, named }, 'alice')
}

describe('the policy file', () => {
  it('is at the per-machine path of each platform, or where DESKDIAL_POLICY says', () => {
    expect(policyFilePath({}, 'linux').path).toBe('/etc/deskdial/policy.json')
    expect(policyFilePath({}, 'darwin').path).toBe('/Library/Application Support/DeskDial/policy.json')
    expect(policyFilePath({ ProgramData: 'D:\\ProgramData' }, 'win32').path).toBe(
      'D:\\ProgramData\\DeskDial\\policy.json'
    )
    expect(policyFilePath({ DESKDIAL_POLICY: '/tmp/p.json' }, 'linux')).toEqual({ path: '/tmp/p.json', named: true })
  })

  it('gives defaults and locked settings checked by the settings schema, ${username} replaced', async () => {
    const checked = await read({
      defaults: { account: { servers: [' pbx.example.com:5061 '], transport: 'tls', user: '${username}' } },
      locked: { dialPlan: { country: 'de' }, trustLinksWithoutConfirmation: false },
      provisioningUrl: 'https://config.example.com/${username}.json',
      caFile: 'corporate-ca.pem',
      provisioningRefreshHours: 2
    })
    expect(checked.problems).toEqual([])
    expect(checked.document).toEqual({
      defaults: { account: { servers: ['pbx.example.com:5061'], transport: 'tls', user: 'alice' } },
      locked: { dialPlan: { country: 'DE' }, trustLinksWithoutConfirmation: false },
      provisioningUrl: 'https://config.example.com/alice.json',
      caFile: join(folder, 'corporate-ca.pem'),
      provisioningRefreshHours: 2
    })
  })

  it('names the file and the key of a wrong value at a nested key, drops that key and applies the rest', async () => {
    const checked = await read({
      defaults: {
        account: { transport: 'carrier-pigeon', servers: ['pbx.example.com'] },
        directory: { attributes: { name: 7, mail: 'mail' } }
      },
      locked: { account: { servers: ['ok.example.com', 42] }, notifications: false }
    })
    expect(checked.problems).toEqual([
      { source: file, key: 'defaults.account.transport', problem: 'Transport must be UDP, TCP or TLS.' },
      { source: file, key: 'defaults.directory.attributes.name', problem: 'Name attribute must be text.' },
      { source: file, key: 'locked.account.servers', problem: 'Server must be a list of addresses.' }
    ])
    expect(checked.document.defaults).toEqual({
      account: { servers: ['pbx.example.com'] },
      directory: { attributes: { mail: 'mail' } }
    })
    expect(checked.document.locked).toEqual({ account: {}, notifications: false })
    expect(describePolicyProblem(checked.problems[0])).toBe(
      `The policy ${file} has a wrong value at "defaults.account.transport": Transport must be UDP, TCP or TLS. DeskDial ignores this key and applies the rest.`
    )
  })

  it('reports unknown keys, at the top and inside the settings, and applies the rest', async () => {
    const checked = await read({
      defautls: {},
      locked: { account: { server: 'pbx' }, hotkey: 'CommandOrControl+Alt+P' },
      provisioningUrl: 'http://plain.example.com/p.json'
    })
    expect(checked.problems.map((problem) => problem.key)).toEqual([
      'locked.account.server',
      'provisioningUrl',
      'defautls'
    ])
    expect(checked.problems[0].problem).toBe('DeskDial has no setting of this name; check its spelling.')
    expect(checked.problems[1].problem).toContain('https://')
    expect(checked.document).toEqual({ defaults: {}, locked: { account: {}, hotkey: 'CommandOrControl+Alt+P' } })
  })

  it('reports invalid JSON, a file it cannot read and a missing file named by DESKDIAL_POLICY, and then has no policy', async () => {
    const invalid = await read('{ "locked": ')
    expect(invalid.document).toEqual({ defaults: {}, locked: {} })
    expect(describePolicyProblem(invalid.problems[0])).toMatch(
      new RegExp(`^The policy ${file} cannot be used: it is not valid JSON`)
    )

    const folderInstead = await readPolicyFile({ path: folder, named: true }, 'alice')
    expect(folderInstead.problems).toEqual([
      { source: folder, key: '', problem: 'it could not be read (it is not a regular file).' }
    ])

    const missing = join(folder, 'missing.json')
    expect((await readPolicyFile({ path: missing, named: true }, 'alice')).problems).toEqual([
      { source: missing, key: '', problem: 'it could not be read (ENOENT).' }
    ])
    expect(await readPolicyFile({ path: missing, named: false }, 'alice')).toEqual({
      document: { defaults: {}, locked: {} },
      problems: []
    })

    const notObject = await read('[1, 2]')
    expect(notObject.problems).toEqual([{ source: file, key: '', problem: 'it must be a JSON object ({ … }).' }])
  })

  it('reports a settings section that is not an object', async () => {
    const checked = await read({ defaults: { account: 'pbx' }, locked: { notifications: true } })
    expect(checked.problems).toEqual([
      { source: file, key: 'defaults.account', problem: 'It must be a JSON object ({ … }).' }
    ])
    expect(checked.document).toEqual({ defaults: {}, locked: { notifications: true } })
  })
})

describe("the README's example policy", () => {
  it('is a policy DeskDial reads without a problem', async () => {
    const readme = await readFile(resolve(__dirname, '../../../README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('## For administrators: policy'))
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1]
    const checked = await read(example ?? '')
    expect(checked.problems).toEqual([])
    expect(checked.document.locked).toEqual({
      account: { servers: ['cucm1.example.com:5061', 'srst-branch.example.com:5061'], transport: 'tls' },
      trustLinksWithoutConfirmation: false
    })
    expect(checked.document.defaults.account?.user).toBe('dd-alice')
  })
})
