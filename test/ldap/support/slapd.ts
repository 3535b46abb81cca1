/**
 * A real OpenLDAP server for tests, on loopback, in a temporary folder: a slapd.conf, a test CA
 * and server certificate made with openssl, a directory of a few thousand people loaded with
 * slapadd, and `slapd -d 0` (in the foreground, so its PID is ours) listening on ldap:// and
 * ldaps:// on free ports. stop() ends it by PID and removes the folder.
 *
 * The server's size limit is lower than the directory (a plain search stops at `sizeLimit`
 * entries with LDAP result 4) but paged searches may go past it (`size.prtotal=unlimited`).
 * Anonymous binds may read everything but passwords; `cn=reader` binds with a password. A small
 * schema adds Active Directory's ipPhone, otherTelephone, department and company, so a directory
 * whose people came partly from AD can be tested (`worldPeople()`).
 *
 * Reused by the Playwright test of the quick-dial window:
 *
 *   const directory = await startSlapd()
 *   ... directory.settings() is an OpenLDAP DirectorySettings pointing at it (ldap://, reader bind DN),
 *   ... directory.password is the reader's password
 *   await directory.stop()
 *
 * Needs /usr/sbin/slapd, /usr/sbin/slapadd (Debian: slapd) and openssl: call
 * `requireTool('slapd')` and `requireTool('openssl')` first (test/sip/support/require-tool.ts).
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { defaultDirectorySettings, type DirectorySettings } from '../../../src/shared/directory-settings'
import { makeTestCertificates } from '../../support/tls-certs'
import { tcpPortAnswers } from '../../support/port-answers'
import { generatedPeople, NAMED_PEOPLE, type TestPerson } from './people'

const run = promisify(execFile)

export const SLAPD = process.env.SLAPD ?? '/usr/sbin/slapd'
const SLAPADD = join(SLAPD, '..', 'slapadd')
const SCHEMA = '/etc/ldap/schema'
const MODULES = '/usr/lib/ldap'

export const SUFFIX = 'dc=example,dc=com'
export const PEOPLE_DN = `ou=people,${SUFFIX}`
export const READER_DN = `cn=reader,${SUFFIX}`
const READER_PASSWORD = 'reader-secret'
/** Attributes of Active Directory's user class that OpenLDAP lacks (their AD OIDs), for a directory moved from AD. */
const AD_ATTRIBUTES = ['ipPhone', 'otherTelephone', 'department', 'company'] as const
const AD_SCHEMA = [
  ['1.2.840.113556.1.4.721', 'ipPhone'],
  ['1.2.840.113556.1.2.18', 'otherTelephone'],
  ['1.2.840.113556.1.2.141', 'department'],
  ['1.2.840.113556.1.2.146', 'company']
]
  .map(
    ([oid, name]) =>
      `attributetype ( ${oid} NAME '${name}' EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 )`
  )
  .concat(
    `objectclass ( 1.3.6.1.4.1.4203.666.11.99.1 NAME 'deskdialAdUser' AUXILIARY MAY ( ${AD_ATTRIBUTES.join(' $ ')} ) )`
  )
  .join('\n')

export interface SlapdOptions {
  /** Generated people besides the named ones (default 3000). */
  people?: number
  /** Everyone in the directory instead of the named and generated people (e.g. worldPeople()). */
  directory?: TestPerson[]
  /** The server's size limit for searches that do not page (default 500). */
  sizeLimit?: number
  /** People a test needs besides the named and generated ones. */
  extraPeople?: TestPerson[]
}

export interface TestDirectory {
  /** ldap://127.0.0.1:<port> (StartTLS offered) */
  url: string
  /** ldaps://127.0.0.1:<port> */
  ldapsUrl: string
  /** The test CA's PEM file, which signed the server's certificate for 127.0.0.1. */
  caFile: string
  /** The reader's bind DN is READER_DN; this is its password. */
  password: string
  /** Everyone in the directory, the named people first. */
  people: TestPerson[]
  sizeLimit: number
  pid: number
  /** OpenLDAP defaults pointing at this server over ldap://, bound as the reader. */
  settings(overrides?: Partial<DirectorySettings>): DirectorySettings
  /** Kills slapd at once (SIGKILL), as a server that crashes or loses power; resolves when it has exited. */
  kill(): Promise<void>
  /** Ends slapd by PID, waits for it to exit, and removes the temporary folder. */
  stop(): Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function ldif(people: TestPerson[]): string {
  const base = [
    `dn: ${SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: Example\ndc: example\n`,
    `dn: ${READER_DN}\nobjectClass: person\ncn: reader\nsn: Reader\nuserPassword: ${READER_PASSWORD}\n`,
    `dn: ${PEOPLE_DN}\nobjectClass: organizationalUnit\nou: people\n`
  ]
  const entries = people.map((person) => {
    const { uid, ...attributes } = person
    // slapadd wants the object classes together.
    const fromAd = AD_ATTRIBUTES.some((name) => person[name] !== undefined)
    const lines = [`dn: uid=${uid},${PEOPLE_DN}`, 'objectClass: inetOrgPerson']
    if (fromAd) lines.push('objectClass: deskdialAdUser')
    lines.push(`uid: ${uid}`)
    // Values that are not plain ASCII (or start with a space, colon or '<') are written base64 (RFC 2849).
    for (const [name, value] of Object.entries(attributes).filter(
      (pair): pair is [string, string] => pair[1] !== undefined
    ))
      lines.push(
        /^[\x21-\x39\x3b\x3d-\x7e][\x20-\x7e]*$/.test(value)
          ? `${name}: ${value}`
          : `${name}:: ${Buffer.from(value).toString('base64')}`
      )
    return lines.join('\n') + '\n'
  })
  return [...base, ...entries].join('\n')
}

function slapdConf(
  dir: string,
  sizeLimit: number,
  certificates: { caFile: string; certFile: string; keyFile: string }
): string {
  return [
    `include ${SCHEMA}/core.schema`,
    `include ${SCHEMA}/cosine.schema`,
    `include ${SCHEMA}/inetorgperson.schema`,
    `include ${join(dir, 'active-directory.schema')}`,
    `pidfile ${join(dir, 'slapd.pid')}`,
    `argsfile ${join(dir, 'slapd.args')}`,
    `modulepath ${MODULES}`,
    'moduleload back_mdb',
    `TLSCACertificateFile ${certificates.caFile}`,
    `TLSCertificateFile ${certificates.certFile}`,
    `TLSCertificateKeyFile ${certificates.keyFile}`,
    // A plain search stops at the limit; a paged one may go on past it.
    `sizelimit size.soft=${sizeLimit} size.hard=${sizeLimit} size.prtotal=unlimited`,
    'database mdb',
    `suffix "${SUFFIX}"`,
    `rootdn "cn=admin,${SUFFIX}"`,
    `directory ${join(dir, 'db')}`,
    'maxsize 104857600',
    'index objectClass eq',
    'index cn,sn,mail,o,ou,displayName,department,company eq,sub,approx',
    'index telephoneNumber,mobile,ipPhone eq,sub',
    'access to attrs=userPassword by anonymous auth by * none',
    'access to * by * read',
    ''
  ].join('\n')
}

async function waitUntilAnswering(slapd: ChildProcess, ports: number[], log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (slapd.exitCode !== null || slapd.signalCode !== null)
      throw new Error(`slapd exited (${slapd.exitCode ?? slapd.signalCode}) before answering: ${log()}`)
    const answers = await Promise.all(ports.map((port) => tcpPortAnswers('127.0.0.1', port)))
    if (answers.every(Boolean)) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`slapd did not answer on ports ${ports.join(' and ')} within 10 s: ${log()}`)
}

/** Starts slapd with the test directory; see the file's comment. */
export async function startSlapd(options: SlapdOptions = {}): Promise<TestDirectory> {
  const sizeLimit = options.sizeLimit ?? 500
  const people = options.directory ?? [
    ...NAMED_PEOPLE,
    ...(options.extraPeople ?? []),
    ...generatedPeople(options.people ?? 3000)
  ]
  const dir = await mkdtemp(join(tmpdir(), 'deskdial-slapd-'))
  let slapd: ChildProcess | undefined
  try {
    const certificates = await makeTestCertificates(dir)
    await mkdir(join(dir, 'db'))
    const conf = join(dir, 'slapd.conf')
    await writeFile(join(dir, 'active-directory.schema'), AD_SCHEMA)
    await writeFile(conf, slapdConf(dir, sizeLimit, certificates))
    await writeFile(join(dir, 'people.ldif'), ldif(people))
    await run(SLAPADD, ['-q', '-f', conf, '-l', join(dir, 'people.ldif')])
    const [port, securePort] = [await freePort(), await freePort()]
    const url = `ldap://127.0.0.1:${port}`
    const ldapsUrl = `ldaps://127.0.0.1:${securePort}`
    const started = spawn(SLAPD, ['-d', '0', '-f', conf, '-h', `${url}/ ${ldapsUrl}/`], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    slapd = started
    let stderr = ''
    started.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)))
    const exited = new Promise<void>((resolve) => started.once('exit', () => resolve()))
    await waitUntilAnswering(started, [port, securePort], () => stderr)
    const pid = started.pid ?? 0
    return {
      url,
      ldapsUrl,
      caFile: certificates.caFile,
      password: READER_PASSWORD,
      people,
      sizeLimit,
      pid,
      settings: (overrides = {}) => ({
        ...defaultDirectorySettings('openldap'),
        enabled: true,
        url,
        bindDn: READER_DN,
        baseDn: PEOPLE_DN,
        ...overrides
      }),
      kill: () => {
        if (started.exitCode === null && started.signalCode === null) process.kill(pid, 'SIGKILL')
        return exited
      },
      stop: async () => {
        if (started.exitCode === null && started.signalCode === null) process.kill(pid, 'SIGTERM')
        await exited
        await rm(dir, { recursive: true, force: true })
      }
    }
  } catch (error) {
    if (slapd?.pid !== undefined && slapd.exitCode === null) process.kill(slapd.pid, 'SIGKILL')
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}
