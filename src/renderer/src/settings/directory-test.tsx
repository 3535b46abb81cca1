import { useState } from 'react'
import type { DirectorySettings } from '../../../shared/directory-settings'
import type { DirectoryTestResult } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'
import { TestResultLine } from './test-result-line'

interface DirectoryTestProps {
  /** The directory as currently typed: the test uses it without saving it. */
  directory(): DirectorySettings
  /** The typed bind password, '' to bind anonymously, or `undefined` for the stored one. */
  password(): string | undefined
  /** Called before the test runs, so the form shows what is wrong with the fields. */
  onStart(): void
  /** A failure that belongs to one field (a bad URL, a password to type again): shown at that field instead. */
  onFieldError(field: string, message: string): void
}

/** "Test directory": binds to the directory with what is in the form, searches it once and says how it went. */
export function DirectoryTest({ directory, password, onStart, onFieldError }: DirectoryTestProps) {
  const [running, setRunning] = useState(false)
  const [result, setResult] = useState<DirectoryTestResult>()

  async function run() {
    onStart()
    setRunning(true)
    setResult(undefined)
    let outcome: DirectoryTestResult
    try {
      outcome = await window.deskdial.testDirectory(directory(), password())
    } catch (error) {
      outcome = { ok: false, error: `The test could not run: ${errorText(error)}` }
    }
    setRunning(false)
    setResult(outcome)
    if (!outcome.ok && outcome.field) onFieldError(outcome.field, outcome.error)
  }

  const server = directory().url
  return (
    <div className="connection-test directory-test">
      <button type="button" onClick={() => void run()} disabled={running} aria-describedby="directory-test-result">
        {running ? 'Testing the directory…' : 'Test directory'}
      </button>
      <TestResultLine
        id="directory-test-result"
        contacting={running ? server || 'the directory' : undefined}
        outcome={result?.ok ? { ok: true, sentence: `It works. ${result.detail}` } : result}
      />
    </div>
  )
}
