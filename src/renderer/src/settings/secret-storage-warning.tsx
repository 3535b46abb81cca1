import type { SecretStorageKind } from '../../../shared/ipc-contract'

const WARNINGS: Record<SecretStorageKind, string | undefined> = {
  'os-keychain': undefined,
  'basic-text':
    'This computer offers DeskDial no keychain, so your SIP password is stored without real encryption: anyone who can read your files can read it. Use an account that can only place calls.',
  unavailable: 'This computer offers DeskDial no secure storage at all, so your SIP password cannot be stored safely.'
}

/** Says plainly when the password is not protected by the operating system. */
export function SecretStorageWarning({ kind }: { kind: SecretStorageKind }) {
  const warning = WARNINGS[kind]
  if (!warning) return null
  return (
    <p className="warning" role="note" data-testid="secret-storage-warning">
      {warning}
    </p>
  )
}
