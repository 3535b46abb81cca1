import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const OPENSSL = '/usr/bin/openssl'

export interface TestCertificates {
  dir: string
  /** PEM of the test CA that signed the server certificate. */
  caFile: string
  /** PEM of the server certificate, valid for IP 127.0.0.1 only. */
  certFile: string
  keyFile: string
  cleanup(): Promise<void>
}

/**
 * A throwaway CA and a server certificate it signed for 127.0.0.1 (P-256 keys, valid two days),
 * made with the openssl CLI. Into `dir` when given (files removed by cleanup), else a fresh temp
 * directory (removed by cleanup).
 */
export async function makeTestCertificates(dir?: string): Promise<TestCertificates> {
  const target = dir ?? (await mkdtemp(join(tmpdir(), 'deskdial-certs-')))
  const file = (name: string): string => join(target, name)
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  await run(OPENSSL, [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=DeskDial Test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign'
  ])
  await run(OPENSSL, [
    'req',
    ...ec,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=DeskDial Test Server'
  ])
  await writeFile(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n'
  )
  await run(OPENSSL, [
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.crt'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.crt'),
    '-days',
    '2',
    '-extfile',
    file('server.ext')
  ])
  const created = ['ca.key', 'ca.crt', 'ca.srl', 'server.key', 'server.csr', 'server.ext', 'server.crt'].map(file)
  return {
    dir: target,
    caFile: file('ca.crt'),
    certFile: file('server.crt'),
    keyFile: file('server.key'),
    cleanup: async () => {
      if (dir === undefined) await rm(target, { recursive: true, force: true })
      else await Promise.all(created.map((path) => rm(path, { force: true })))
    }
  }
}
