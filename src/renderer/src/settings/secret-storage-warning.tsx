import type { SecretStorageKind } from '../../../shared/ipc-contract'

function warning(kind: SecretStorageKind, secret: string, advice: string): string | undefined {
  if (kind === 'basic-text')
    return `This computer offers DeskDial no keychain, so ${secret} is stored without real encryption: anyone who can read your files can read it. ${advice}`
  if (kind === 'unavailable')
    return `This computer offers DeskDial no secure storage at all, so ${secret} cannot be stored safely.`
  return undefined
}

interface SecretStorageWarningProps {
  kind: SecretStorageKind
  /** Which password, as the sentence names it. */
  secret?: string
  /** What limits the harm of a password anyone could read. */
  advice?: string
  testId?: string
}

/** Says plainly when a password is not protected by the operating system. */
export function SecretStorageWarning({
  kind,
  secret = 'your SIP password',
  advice = 'Use an account that can only place calls.',
  testId = 'secret-storage-warning'
}: SecretStorageWarningProps) {
  const text = warning(kind, secret, advice)
  if (!text) return null
  return (
    <p className="warning" role="note" data-testid={testId}>
      {text}
    </p>
  )
}
