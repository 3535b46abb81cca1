import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EncryptedFileSecretStore, type SecretCipher } from '../../../src/main/settings/password-store'

let directory: string
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-secret-'))
})
afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

/** Reverses the bytes: enough to prove the file never holds the clear text. */
function reversingCipher(shouldReEncrypt = false): SecretCipher & { encrypted: number } {
  const cipher = {
    encrypted: 0,
    async encrypt(plainText: string) {
      cipher.encrypted += 1
      return Buffer.from(plainText, 'utf8').reverse()
    },
    async decrypt(cipherText: Buffer) {
      return { plainText: Buffer.from(cipherText).reverse().toString('utf8'), shouldReEncrypt }
    }
  }
  return cipher
}

describe('EncryptedFileSecretStore', () => {
  it('stores only cipher text, reads it back, and forgets it on delete', async () => {
    const file = join(directory, 'secret.json')
    const store = new EncryptedFileSecretStore('os-keychain', file, reversingCipher())
    expect(await store.getPassword()).toBeUndefined()
    await store.setPassword('s3cret-pässword')
    expect(await readFile(file, 'utf8')).not.toContain('s3cret')
    expect(await new EncryptedFileSecretStore('os-keychain', file, reversingCipher()).getPassword()).toBe(
      's3cret-pässword'
    )
    await store.deletePassword()
    expect(await store.getPassword()).toBeUndefined()
  })

  it('re-encrypts when the platform rotated its key', async () => {
    const file = join(directory, 'secret.json')
    await new EncryptedFileSecretStore('os-keychain', file, reversingCipher()).setPassword('pw')
    const rotating = reversingCipher(true)
    expect(await new EncryptedFileSecretStore('os-keychain', file, rotating).getPassword()).toBe('pw')
    expect(rotating.encrypted).toBe(1)
  })

  it('reports a damaged password file instead of treating it as no password, until a new password is stored', async () => {
    const file = join(directory, 'secret.json')
    await writeFile(file, '{"password": 42')
    const store = new EncryptedFileSecretStore('os-keychain', file, reversingCipher())
    expect(store.problem).toBeUndefined()
    expect(await store.getPassword()).toBeUndefined()
    expect(store.problem).toBe(
      'The file that holds the SIP password is damaged: DeskDial cannot use it. Enter the password again in Settings.'
    )
    await store.setPassword('new-one')
    expect(store.problem).toBeUndefined()
    expect(await store.getPassword()).toBe('new-one')
  })

  it('treats an undecryptable secret as no password and says so in the log and to the user', async () => {
    const file = join(directory, 'secret.json')
    await new EncryptedFileSecretStore('os-keychain', file, reversingCipher()).setPassword('pw')
    const logged: string[] = []
    const broken: SecretCipher = {
      encrypt: async () => Buffer.alloc(0),
      decrypt: async () => Promise.reject(new Error('key gone'))
    }
    const store = new EncryptedFileSecretStore('os-keychain', file, broken, (m) => logged.push(m))
    expect(await store.getPassword()).toBeUndefined()
    expect(logged).toEqual([
      'The stored SIP password could not be decrypted (key gone): DeskDial cannot use it. Enter the password again in Settings.'
    ])
    expect(store.problem).toBe(logged[0])
  })
})
