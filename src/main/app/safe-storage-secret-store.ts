import { safeStorage } from 'electron'
import {
  EncryptedFileSecretStore,
  MemorySecretStore,
  type SecretName,
  type SecretStore
} from '../settings/password-store'

/**
 * A password (the SIP password, the directory's bind password) encrypted with the OS keychain
 * (safeStorage, async API), in its own file. On Linux without a keyring, Chromium falls back to
 * "basic_text", which protects nothing: the kind tells the settings view to say so. Without any
 * encryption the password lives for this session only.
 */
export async function createSecretStore(
  name: SecretName,
  file: string,
  log: (message: string) => void
): Promise<SecretStore> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return new MemorySecretStore('unavailable')
  const kind =
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
      ? 'basic-text'
      : 'os-keychain'
  return new EncryptedFileSecretStore(
    kind,
    name,
    file,
    {
      encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
      decrypt: async (cipherText) => {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(cipherText)
        return { plainText: result, shouldReEncrypt }
      }
    },
    log
  )
}
