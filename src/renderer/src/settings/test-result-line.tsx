/** What "Test connection" or "Test directory" found, for the line beside its button. */
export type TestOutcome = { ok: true; sentence: string } | { ok: false; error: string; field?: string }

interface TestResultLineProps {
  id: string
  /** Set while the test runs: what it is contacting. */
  contacting?: string
  /** Set once the test has run. */
  outcome?: TestOutcome
}

/** The test's progress, then its result in words; a failure that belongs to a field points there. */
export function TestResultLine({ id, contacting, outcome }: TestResultLineProps) {
  return (
    <p id={id} className={`connection-test-result${outcome ? (outcome.ok ? ' ok' : ' failed') : ''}`} role="status">
      {contacting !== undefined && (
        <>
          <span className="spinner" aria-hidden="true" />
          Contacting {contacting}…
        </>
      )}
      {outcome?.ok && outcome.sentence}
      {outcome && !outcome.ok && (outcome.field ? 'The test did not run: see the field marked above.' : outcome.error)}
    </p>
  )
}
