import { rm } from 'node:fs/promises'
import { isRecord } from '../../shared/is-record'
import type { SecretStorageKind } from '../../shared/ipc-contract'
import { readJsonFile, writeJsonFileAtomic, WriteQueue } from './atomic-json-file'

/** Where a password lives (the SIP password, the directory's bind password): never in the settings file, never in logs. */
export interface SecretStore {
  readonly kind: SecretStorageKind
  /** Set when a stored password exists but cannot be read: a sentence for the user. */
  readonly problem?: string | undefined
  getPassword(): Promise<string | undefined>
  setPassword(password: string): Promise<void>
  deletePassword(): Promise<void>
}

/** Encryption provided by the platform (Electron's safeStorage in the app). */
export interface SecretCipher {
  encrypt(plainText: string): Promise<Buffer>
  /** `shouldReEncrypt` is true when the key was rotated and the secret should be stored again. */
  decrypt(cipherText: Buffer): Promise<{ plainText: string; shouldReEncrypt: boolean }>
}

/** The password for this session only: for machines without any secret storage, and for tests. */
export class MemorySecretStore implements SecretStore {
  #password: string | undefined

  constructor(readonly kind: SecretStorageKind = 'unavailable') {}

  async getPassword(): Promise<string | undefined> {
    return this.#password
  }

  async setPassword(password: string): Promise<void> {
    this.#password = password
  }

  async deletePassword(): Promise<void> {
    this.#password = undefined
  }
}

/** Which password a store keeps, as its messages name it. */
export interface SecretName {
  /** What the password is, e.g. "SIP password". */
  secret: string
  /** Where in Settings it is typed again, e.g. "the password". */
  retype: string
}

export const SIP_PASSWORD: SecretName = { secret: 'SIP password', retype: 'the password' }
export const DIRECTORY_PASSWORD: SecretName = {
  secret: 'directory bind password',
  retype: 'the bind password under Company directory'
}

/** The password encrypted by a {@link SecretCipher}, stored as base64 in its own file. */
export class EncryptedFileSecretStore implements SecretStore {
  readonly #writes = new WriteQueue()

  constructor(
    readonly kind: SecretStorageKind,
    private readonly name: SecretName,
    private readonly file: string,
    private readonly cipher: SecretCipher,
    private readonly log: (message: string) => void = () => undefined
  ) {}

  /** Set when the password file exists but cannot be read, until a new password is stored. */
  problem: string | undefined

  async getPassword(): Promise<string | undefined> {
    const content = await readJsonFile(this.file)
    if (content.kind === 'missing') return undefined
    const stored = content.kind === 'ok' && isRecord(content.value) ? content.value.password : undefined
    if (typeof stored !== 'string') return this.#unreadable(`The file that holds the ${this.name.secret} is damaged`)
    try {
      const { plainText, shouldReEncrypt } = await this.cipher.decrypt(Buffer.from(stored, 'base64'))
      if (shouldReEncrypt) await this.setPassword(plainText)
      this.problem = undefined
      return plainText
    } catch (error) {
      return this.#unreadable(`The stored ${this.name.secret} could not be decrypted (${(error as Error).message})`)
    }
  }

  #unreadable(what: string): undefined {
    this.problem = `${what}: DeskDial cannot use it. Enter ${this.name.retype} again in Settings.`
    this.log(this.problem)
    return undefined
  }

  async setPassword(password: string): Promise<void> {
    const cipherText = await this.cipher.encrypt(password)
    await this.#writes.run(() => writeJsonFileAtomic(this.file, { password: cipherText.toString('base64') }))
    this.problem = undefined
  }

  async deletePassword(): Promise<void> {
    await this.#writes.run(() => rm(this.file, { force: true }))
    this.problem = undefined
  }
}
