/**
 * `deskdial whoami`, run from the built CLI (out/cli/deskdial.cjs) against a real slapd, with the
 * directory's settings from an administrator's policy file (DESKDIAL_POLICY): found (ipPhone
 * before telephoneNumber), not found, several found, and the login name looked up where the policy's
 * `directory.loginAttributes` says.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deskdial } from '../sip/support/deskdial-cli'
import { requireTool } from '../sip/support/require-tool'
import { PEOPLE_DN, startSlapd, type TestDirectory } from './support/slapd'

const tools = requireTool('slapd') && requireTool('openssl')

/** Two entries a login name "kberg" could mean: one by uid, an old one by the local part of its mail. */
const KAI_BERG = { sn: 'Berg', ou: 'Sales', o: 'Example Inc.', title: 'Engineer' }
const EXTRA_PEOPLE = [
  { ...KAI_BERG, uid: 'kberg', cn: 'Kai Berg', telephoneNumber: '1001', mail: 'kai.berg@example.com' },
  { ...KAI_BERG, uid: 'kberg-old', cn: 'Kai Berg (old account)', telephoneNumber: '1009', mail: 'kberg@example.com' }
]

describe.skipIf(!tools)('deskdial whoami', () => {
  let server: TestDirectory
  let folder: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    server = await startSlapd({ people: 20, extraPeople: EXTRA_PEOPLE })
    folder = await mkdtemp(join(tmpdir(), 'deskdial-whoami-'))
    const policy = join(folder, 'policy.json')
    // The directory as an administrator would roll it out; its ipPhone is the entry's mobile here,
    // as inetOrgPerson has no ipPhone attribute.
    await writeFile(
      policy,
      JSON.stringify({
        defaults: { directory: server.settings({ attributes: { ...server.settings().attributes, ipPhone: 'mobile' } }) }
      })
    )
    env = { DESKDIAL_POLICY: policy, DESKDIAL_USER_DATA: folder, DESKDIAL_LDAP_PASSWORD: server.password }
  })

  afterAll(async () => {
    await server?.stop()
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  it('finds the user by login name and proposes the ipPhone number, else the telephoneNumber', async () => {
    const withIpPhone = await deskdial(['whoami', '--login', 'jmueller', '--json'], env)
    expect(withIpPhone.stderr).toBe('')
    expect(withIpPhone.code).toBe(0)
    expect(JSON.parse(withIpPhone.stdout)).toEqual({
      event: 'whoami',
      login: 'jmueller',
      state: 'found',
      user: { dn: `uid=jmueller,${PEOPLE_DN}`, name: 'Jürgen Müller', deskPhone: '+49 171 5550199' }
    })

    const withTelephoneNumber = await deskdial(['whoami', '--login', 'amiller'], env)
    expect(withTelephoneNumber.code).toBe(0)
    expect(withTelephoneNumber.stdout).toBe(
      `You are Anna Miller (uid=amiller,${PEOPLE_DN}). Your desk phone: 201.555.0456.\n`
    )
  })

  it('says when nobody has the login name, and exits 1', async () => {
    const run = await deskdial(['whoami', '--login', 'nobody-here'], env)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe(
      'Nobody in the company directory has the login name "nobody-here" (in uid). Enter your desk phone number yourself.\n'
    )
  })

  it('takes a login name as a value, never as part of the filter', async () => {
    const run = await deskdial(['whoami', '--login', '*', '--json'], env)
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout)).toEqual({ event: 'whoami', login: '*', state: 'not-found' })
  })

  it('lists everyone the login name could mean and chooses nobody, and exits 1', async () => {
    const run = await deskdial(
      ['whoami', '--login', 'kberg', '--login-attribute', 'uid', '--login-attribute', 'mail'],
      env
    )
    expect(run.code).toBe(1)
    const lines = run.stdout.trim().split('\n')
    expect(lines[0]).toBe(
      '2 people in the company directory have the login name "kberg"; DeskDial does not choose one for you:'
    )
    expect(lines.slice(1).sort()).toEqual([
      `  Kai Berg (old account) (uid=kberg-old,${PEOPLE_DN}): 1009`,
      `  Kai Berg (uid=kberg,${PEOPLE_DN}): 1001`
    ])
  })

  it('looks the login name up where the policy says, and --login-attribute still overrides it', async () => {
    const policy = join(folder, 'policy-login-attributes.json')
    await writeFile(
      policy,
      JSON.stringify({
        defaults: { directory: server.settings() },
        locked: { directory: { loginAttributes: 'mail' } }
      })
    )
    const byMail = { ...env, DESKDIAL_POLICY: policy }
    const found = await deskdial(['whoami', '--login', 'kai.berg', '--json'], byMail)
    expect(found.stderr).toBe('')
    expect(found.code).toBe(0)
    expect(JSON.parse(found.stdout)).toMatchObject({
      state: 'found',
      user: { dn: `uid=kberg,${PEOPLE_DN}`, name: 'Kai Berg', deskPhone: '1001' }
    })

    const overridden = await deskdial(['whoami', '--login', 'kai.berg', '--login-attribute', 'uid'], byMail)
    expect(overridden.code).toBe(1)
    expect(overridden.stdout).toBe(
      'Nobody in the company directory has the login name "kai.berg" (in uid). Enter your desk phone number yourself.\n'
    )
  })

  it('asks for the directory when neither the policy nor --config sets it up', async () => {
    const run = await deskdial(['whoami'], {
      DESKDIAL_POLICY: join(folder, 'no-policy.json'),
      DESKDIAL_USER_DATA: folder
    })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('The company directory is not set up')
  })
})
