import { useState, type FormEvent } from 'react'
import type { ConnectionTestResult, SettingsView } from '../../../shared/ipc-contract'
import { NoticeBanner } from '../app/notice-banner'
import { useDemoSwitch } from '../demo/use-demo'
import { AccountFields } from '../settings/account-fields'
import { ConnectionTest } from '../settings/connection-test'
import { fieldError, saveSettings, type SaveError } from '../settings/save-settings'
import { SecretStorageWarning } from '../settings/secret-storage-warning'
import { DeskPhoneProposal } from '../settings/desk-phone-proposal'
import { ManagedBy, PolicyFieldsProvider } from '../settings/policy-fields'
import { draftFrom, updateFrom, type SettingsField } from '../settings/settings-draft'

interface FirstRunSetupProps {
  view: SettingsView
  onDone(view: SettingsView): void
}

/** The first start: only what a first call needs, a connection test, and done. */
export function FirstRunSetup({ view, onDone }: FirstRunSetupProps) {
  const [draft, setDraft] = useState(() => draftFrom(view))
  const [error, setError] = useState<SaveError>()
  const [test, setTest] = useState<ConnectionTestResult>()
  const [saving, setSaving] = useState(false)
  const demo = useDemoSwitch()

  const errorFor = (field: SettingsField) => (error?.field === field ? error.message : undefined)

  async function finish(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    const outcome = await saveSettings(draft)
    setSaving(false)
    if (outcome.ok) onDone(outcome.view)
    else setError(outcome.error)
  }

  return (
    <main className="first-run">
      <form
        className="first-run-card"
        onSubmit={(event) => void finish(event)}
        noValidate
        aria-labelledby="first-run-title"
      >
        <h1 id="first-run-title">Set up DeskDial</h1>
        <p className="lead">
          DeskDial asks your phone system to ring your desk phone, then connects it to the number you pick. Tell it
          where your phone system is and which desk phone is yours.
        </p>
        <NoticeBanner notice={view.notice} />
        <section className="demo-offer" aria-label="No phone system at hand?">
          <button type="button" onClick={() => void demo.run('startDemo', onDone)} disabled={demo.busy}>
            {demo.busy ? 'Starting the demo phone system…' : 'Try it with the built-in demo phone system'}
          </button>
          <p className="hint">
            No phone system at hand? DeskDial starts a small one on this computer, with virtual phones to call. You can
            switch to your own at any time.
          </p>
          {demo.error && (
            <p className="form-error" role="alert">
              {demo.error}
            </p>
          )}
        </section>
        <SecretStorageWarning kind={view.secretStorage} />
        {error && !error.field && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <ManagedBy policy={view.policy} />
        <PolicyFieldsProvider policy={view.policy} skipAnswered>
          <AccountFields
            draft={draft}
            onChange={(next) => {
              setTest(undefined)
              setDraft(next)
            }}
            errorFor={errorFor}
            passwordSet={view.passwordSet}
            essentialsOnly
          />
        </PolicyFieldsProvider>
        <DeskPhoneProposal
          line={draft.settings.account.line}
          directoryOn={view.settings.directory.enabled}
          onUse={(line) =>
            setDraft({ ...draft, settings: { ...draft.settings, account: { ...draft.settings.account, line } } })
          }
        />
        <div className="first-run-steps">
          <ConnectionTest
            update={() => updateFrom(draft)}
            onResult={setTest}
            onFieldError={(field, message) => setError(fieldError(field, message))}
            primary={!test?.ok}
          />
          <button type="submit" className={test?.ok ? 'primary' : undefined} disabled={saving}>
            {saving ? 'Saving…' : test && !test.ok ? 'Save anyway' : 'Done'}
          </button>
        </div>
        <p className="hint">You can change these and the dial plan later in Settings.</p>
      </form>
    </main>
  )
}
