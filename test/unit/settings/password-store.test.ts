import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DIRECTORY_PASSWORD,
  EncryptedFileSecretStore,
  SIP_PASSWORD,
  type SecretCipher
} from '../../../src/main/settings/password-store'

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
    const store = new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, file, reversingCipher())
    expect(await store.getPassword()).toBeUndefined()
    await store.setPassword('s3cret-pässword')
    expect(await readFile(file, 'utf8')).not.toContain('s3cret')
    expect(await new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, file, reversingCipher()).getPassword()).toBe(
      's3cret-pässword'
    )
    await store.deletePassword()
    expect(await store.getPassword()).toBeUndefined()
  })

  it('re-encrypts when the platform rotated its key', async () => {
    const file = join(directory, 'secret.json')
    await new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, file, reversingCipher()).setPassword('pw')
    const rotating = reversingCipher(true)
    expect(await new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, file, rotating).getPassword()).toBe('pw')
    expect(rotating.encrypted).toBe(1)
  })

  it('reports a damaged password file instead of treating it as no password, until a new password is stored', async () => {
    const file = join(directory, 'secret.json')
    await writeFile(file, '{"password": 42')
    const store = new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, file, reversingCipher())
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
    await new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, file, reversingCipher()).setPassword('pw')
    const logged: string[] = []
    const broken: SecretCipher = {
      encrypt: async () => Buffer.alloc(0),
      decrypt: async () => Promise.reject(new Error('key gone'))
    }
    const store = new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, file, broken, (m) => logged.push(m))
    expect(await store.getPassword()).toBeUndefined()
    expect(logged).toEqual([
      'The stored SIP password could not be decrypted (key gone): DeskDial cannot use it. Enter the password again in Settings.'
    ])
    expect(store.problem).toBe(logged[0])
  })

  it('keeps the SIP password and the directory bind password apart, each in its own file', async () => {
    const sipFile = join(directory, 'secret.json')
    const directoryFile = join(directory, 'directory-secret.json')
    const sip = new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, sipFile, reversingCipher())
    const bind = new EncryptedFileSecretStore('os-keychain', DIRECTORY_PASSWORD, directoryFile, reversingCipher())
    await sip.setPassword('sip-secret')
    await bind.setPassword('bind-secret')
    expect(await sip.getPassword()).toBe('sip-secret')
    expect(await bind.getPassword()).toBe('bind-secret')
    expect(await readFile(directoryFile, 'utf8')).not.toContain('bind-secret')
    await bind.deletePassword()
    expect(await bind.getPassword()).toBeUndefined()
    expect(await sip.getPassword()).toBe('sip-secret')
  })

  it('names the directory bind password, not the SIP password, when its file is damaged or undecryptable', async () => {
    const file = join(directory, 'directory-secret.json')
    await writeFile(file, '[]')
    const damaged = new EncryptedFileSecretStore('os-keychain', DIRECTORY_PASSWORD, file, reversingCipher())
    expect(await damaged.getPassword()).toBeUndefined()
    expect(damaged.problem).toBe(
      'The file that holds the directory bind password is damaged: DeskDial cannot use it. Enter the bind password under Company directory again in Settings.'
    )
    await damaged.setPassword('pw')
    const broken: SecretCipher = {
      encrypt: async () => Buffer.alloc(0),
      decrypt: async () => Promise.reject(new Error('key gone'))
    }
    const undecryptable = new EncryptedFileSecretStore('os-keychain', DIRECTORY_PASSWORD, file, broken)
    expect(await undecryptable.getPassword()).toBeUndefined()
    expect(undecryptable.problem).toBe(
      'The stored directory bind password could not be decrypted (key gone): DeskDial cannot use it. Enter the bind password under Company directory again in Settings.'
    )
  })
})
