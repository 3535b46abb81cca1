import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CaFileError, MAX_CA_FILE_BYTES, readCaFile } from '../../../src/main/trust/ca-file'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deskdial-ca-file-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function refusal(path: string): Promise<CaFileError> {
  const error = await readCaFile(path).then(
    () => undefined,
    (failure: unknown) => failure
  )
  expect(error).toBeInstanceOf(CaFileError)
  return error as CaFileError
}

describe('readCaFile', () => {
  it('reads a PEM file', async () => {
    const path = join(dir, 'ca.pem')
    await writeFile(path, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
    expect((await readCaFile(path)).toString()).toBe('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')
  })

  it('reads a file of exactly 1 MiB', async () => {
    const path = join(dir, 'exactly.pem')
    await writeFile(path, Buffer.alloc(MAX_CA_FILE_BYTES, 'A'))
    expect((await readCaFile(path)).length).toBe(MAX_CA_FILE_BYTES)
  })

  it('refuses a file larger than 1 MiB without reading it', async () => {
    const path = join(dir, 'huge.pem')
    await writeFile(path, '')
    // Sparse: 4 GiB of nothing that a whole-file read would still try to allocate.
    await truncate(path, 4 * 1024 ** 3)
    expect((await refusal(path)).message).toBe(
      `The CA file "${path}" cannot be used: it is larger than 1 MiB, far larger than a file of CA certificates. Choose the PEM file with the CA certificate in Settings.`
    )
  })

  it('refuses a folder', async () => {
    expect((await refusal(dir)).message).toBe(
      `The CA file "${dir}" cannot be used: it is a folder, not a file. Choose the PEM file with the CA certificate in Settings.`
    )
  })

  it('refuses a named pipe nobody writes to, without waiting for a writer', async () => {
    const path = join(dir, 'pipe.pem')
    execFileSync('mkfifo', [path])
    expect((await refusal(path)).message).toContain('it is a named pipe, not a file.')
  })

  it('refuses a device such as /dev/zero, which never ends', async () => {
    expect((await refusal('/dev/zero')).message).toBe(
      'The CA file "/dev/zero" cannot be used: it is a device, not a file. Choose the PEM file with the CA certificate in Settings.'
    )
  })

  it('explains a missing file', async () => {
    expect((await refusal(join(dir, 'missing.pem'))).message).toBe(
      `The CA file "${join(dir, 'missing.pem')}" could not be read (ENOENT). Choose the CA file again in Settings.`
    )
  })
})
