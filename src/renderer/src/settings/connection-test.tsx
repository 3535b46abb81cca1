import { useState } from 'react'
import type { ConnectionTestResult, SettingsUpdate } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'
import { registrationSentence } from '../app/registration-words'
import { TestResultLine } from './test-result-line'

interface ConnectionTestProps {
  /** The settings as currently typed: the test uses them without saving them. */
  update(): SettingsUpdate
  onResult?(result: ConnectionTestResult): void
  /** A failure that belongs to one field (e.g. the password must be typed again): shown at that field instead. */
  onFieldError(field: string, message: string): void
  primary?: boolean
}

/** "Test connection": registers with what is in the form and says how it went. */
export function ConnectionTest({ update, onResult, onFieldError, primary }: ConnectionTestProps) {
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<ConnectionTestResult>()

  async function run() {
    setRunning(true)
    setResult(undefined)
    const settings = update()
    let outcome: ConnectionTestResult
    try {
      outcome = await window.deskdial.testConnection(settings)
    } catch (error) {
      outcome = { ok: false, error: `The test could not run: ${errorText(error)}` }
    }
    setRunning(false)
    setResult(outcome)
    onResult?.(outcome)
    if (!outcome.ok && outcome.field) onFieldError(outcome.field, outcome.error)
  }

  const server = update().settings.account.servers[0]
  return (
    <div className="connection-test">
      <button
        type="button"
        className={primary ? 'primary' : undefined}
        onClick={() => void run()}
        disabled={running}
        aria-describedby="connection-test-result"
      >
        {running ? 'Testing…' : 'Test connection'}
      </button>
      <TestResultLine
        id="connection-test-result"
        contacting={running ? (server ?? 'the phone system') : undefined}
        outcome={
          result?.ok
            ? {
                ok: true,
                sentence: `It works. ${registrationSentence(result.status, update().settings.account.user, result.status.at).replace(/\.$/, '')}.`
              }
            : result
        }
      />
    </div>
  )
}
