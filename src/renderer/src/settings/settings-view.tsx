import { useEffect, useState, type FormEvent } from 'react'
import type { AppSettings, DialPlanSettings } from '../../../shared/app-settings'
import type { SettingsView as SettingsViewData } from '../../../shared/ipc-contract'
import { CopyDiagnostics } from '../diagnostics/copy-diagnostics'
import { DemoPhoneSystem } from '../demo/demo-phone-system'
import { AccountFields } from './account-fields'
import { BrowserConnectionsSection } from './browser-connections'
import { ConnectionTest } from './connection-test'
import { DirectoryFields } from './directory-fields'
import { DirectoryTest } from './directory-test'
import { DeskPhoneProposal } from './desk-phone-proposal'
import { ManagedBy, PolicyFieldsProvider } from './policy-fields'
import { SecretStorageWarning } from './secret-storage-warning'
import { describedBy, Checkbox, Field } from './settings-field'
import { fieldError, saveSettings, type SaveError } from './save-settings'
import {
  directoryPasswordFrom,
  draftFrom,
  inputId,
  updateFrom,
  type SettingsDraft,
  type SettingsField
} from './settings-draft'

interface SettingsViewProps {
  view: SettingsViewData
  onSaved(view: SettingsViewData): void
  /** "Use my own phone system": stops the demo phone system. */
  onLeaveDemo(): void
  leavingDemo: boolean
  /** Put the focus on the account's first field when the view opens (after leaving the demo). */
  focusAccount: boolean
}

/** Settings under the administrator's policy: the fields it locks shown disabled, saying so. */
export function SettingsView(props: SettingsViewProps) {
  return (
    <PolicyFieldsProvider policy={props.view.policy}>
      <SettingsForm {...props} />
    </PolicyFieldsProvider>
  )
}

/** Account, dial plan, hotkey, links and start-up, saved together; errors appear beside their field. */
function SettingsForm({ view, onSaved, onLeaveDemo, leavingDemo, focusAccount }: SettingsViewProps) {
  const [draft, setDraft] = useState(() => draftFrom(view))
  const [error, setError] = useState<SaveError>()
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState(false)
  const [showDirectoryProblems, setShowDirectoryProblems] = useState(false)

  const settings = draft.settings
  const setSettings = (change: Partial<AppSettings>) => {
    setSaved(false)
    setDraft({ ...draft, settings: { ...settings, ...change } })
  }
  const changeDraft = (next: SettingsDraft) => {
    setSaved(false)
    setDraft(next)
  }
  const setDialPlan = (change: Partial<DialPlanSettings>) =>
    setSettings({ dialPlan: { ...settings.dialPlan, ...change } })
  const errorFor = (field: SettingsField) => (error?.field === field ? error.message : undefined)

  useEffect(() => {
    if (focusAccount) document.getElementById(inputId('account.servers'))?.focus()
  }, [focusAccount])

  async function save(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    setSaved(false)
    const outcome = await saveSettings(draft)
    setSaving(false)
    if (!outcome.ok) {
      setError(outcome.error)
      setShowDirectoryProblems(true)
      return
    }
    setError(undefined)
    setShowDirectoryProblems(false)
    setDraft(draftFrom(outcome.view))
    setSaved(true)
    onSaved(outcome.view)
  }

  return (
    <div className="view settings-view">
      <header className="view-header">
        <h1>Settings</h1>
      </header>
      <ManagedBy policy={view.policy} />
      <form className="settings-form" onSubmit={(event) => void save(event)} noValidate>
        <SecretStorageWarning kind={view.secretStorage} />
        {error && !error.field && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <fieldset>
          <legend>Phone system account</legend>
          {view.demo ? (
            <DemoPhoneSystem demo={view.demo} leaving={leavingDemo} onLeave={onLeaveDemo} />
          ) : (
            <>
              <AccountFields draft={draft} onChange={changeDraft} errorFor={errorFor} passwordSet={view.passwordSet} />
              <DeskPhoneProposal
                line={settings.account.line}
                directoryOn={view.settings.directory.enabled}
                onUse={(line) => setSettings({ account: { ...settings.account, line } })}
              />
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>Dial plan</legend>
          <div className="field-grid">
            <Field
              field="dialPlan.country"
              label="Country"
              hint="Two letters, e.g. US, DE, GB"
              error={errorFor('dialPlan.country')}
            >
              <input
                {...describedBy('dialPlan.country', errorFor('dialPlan.country'), true)}
                value={settings.dialPlan.country}
                maxLength={2}
                autoComplete="off"
                onChange={(event) => setDialPlan({ country: event.target.value.toUpperCase() })}
              />
            </Field>
            <Field
              field="dialPlan.outsideLinePrefix"
              label="Outside-line prefix"
              hint="e.g. 0 or 9; empty when none"
              error={errorFor('dialPlan.outsideLinePrefix')}
            >
              <input
                {...describedBy('dialPlan.outsideLinePrefix', errorFor('dialPlan.outsideLinePrefix'), true)}
                value={settings.dialPlan.outsideLinePrefix}
                inputMode="numeric"
                onChange={(event) => setDialPlan({ outsideLinePrefix: event.target.value })}
              />
            </Field>
            <Field
              field="dialPlan.internalExtensionLength"
              label="Extension length"
              hint="Digits in an internal extension; 0 for none"
              error={errorFor('dialPlan.internalExtensionLength')}
            >
              <input
                {...describedBy('dialPlan.internalExtensionLength', errorFor('dialPlan.internalExtensionLength'), true)}
                type="number"
                min={0}
                max={12}
                value={settings.dialPlan.internalExtensionLength}
                onChange={(event) => setDialPlan({ internalExtensionLength: Number(event.target.value) })}
              />
            </Field>
            <Field
              field="dialPlan.internationalPrefix"
              label="International prefix"
              hint="e.g. 00 or 011"
              error={errorFor('dialPlan.internationalPrefix')}
            >
              <input
                {...describedBy('dialPlan.internationalPrefix', errorFor('dialPlan.internationalPrefix'), true)}
                value={settings.dialPlan.internationalPrefix}
                inputMode="numeric"
                onChange={(event) => setDialPlan({ internationalPrefix: event.target.value })}
              />
            </Field>
          </div>
          <Checkbox
            field="dialPlan.dialE164WithPlus"
            label="Send international numbers with + (E.164)"
            hint="For phone systems that route +<country><number> themselves"
            checked={settings.dialPlan.dialE164WithPlus}
            onChange={(dialE164WithPlus) => setDialPlan({ dialE164WithPlus })}
          />
        </fieldset>
        <fieldset>
          <legend>Quick dial and links</legend>
          <Field field="hotkey" label="Quick-dial hotkey" hint="e.g. CommandOrControl+Alt+D" error={errorFor('hotkey')}>
            <input
              {...describedBy('hotkey', errorFor('hotkey'), true)}
              value={settings.hotkey}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setSettings({ hotkey: event.target.value })}
            />
          </Field>
          <Checkbox
            field="trustLinksWithoutConfirmation"
            label="Call tel:, sip: and callto: links without asking"
            hint="Any web page can open a link: leave this off unless you trust every page you visit"
            checked={settings.trustLinksWithoutConfirmation}
            onChange={(trustLinksWithoutConfirmation) => setSettings({ trustLinksWithoutConfirmation })}
          />
          <Field
            field="linkAutoDialIntervalSeconds"
            label="Seconds between links dialled without asking"
            hint="From 5 to 3600: a page that opens links in a burst gets one call, then DeskDial asks again"
            error={errorFor('linkAutoDialIntervalSeconds')}
          >
            <input
              {...describedBy('linkAutoDialIntervalSeconds', errorFor('linkAutoDialIntervalSeconds'), true)}
              type="number"
              min={5}
              max={3600}
              value={settings.linkAutoDialIntervalSeconds}
              onChange={(event) => setSettings({ linkAutoDialIntervalSeconds: Number(event.target.value) })}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Company directory</legend>
          <DirectoryFields
            draft={draft}
            onChange={changeDraft}
            errorFor={errorFor}
            saved={view.settings.directory}
            directoryPasswordSet={view.directoryPasswordSet}
            secretStorage={view.secretStorage}
            showProblems={showDirectoryProblems}
          />
          {settings.directory.enabled && (
            <DirectoryTest
              directory={() => settings.directory}
              password={() => directoryPasswordFrom(draft)}
              onStart={() => setShowDirectoryProblems(true)}
              onFieldError={(field, message) => setError(fieldError(field, message))}
            />
          )}
        </fieldset>
        <fieldset>
          <legend>General</legend>
          <Checkbox
            field="startAtLogin"
            label="Start DeskDial when I log in"
            checked={settings.startAtLogin}
            onChange={(startAtLogin) => setSettings({ startAtLogin })}
          />
          <Checkbox
            field="notifications"
            label="Show notifications for call progress and failures"
            checked={settings.notifications}
            onChange={(notifications) => setSettings({ notifications })}
          />
          <Field
            field="screenPopUrl"
            label="Screen-pop URL"
            hint="Opened in your browser when your desk phone rings; {e164} is the caller's number. Empty for none."
            error={errorFor('screenPopUrl')}
          >
            <input
              {...describedBy('screenPopUrl', errorFor('screenPopUrl'), true)}
              type="url"
              value={settings.screenPopUrl}
              placeholder="https://crm.example.com/find?phone={e164}"
              onChange={(event) => setSettings({ screenPopUrl: event.target.value })}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>Browser</legend>
          <BrowserConnectionsSection />
        </fieldset>
        <fieldset>
          <legend>Diagnostics</legend>
          <p className="hint">
            When a call fails, your phone administrator can tell why from DeskDial's report: its version, this account
            (without the password), the registration and failover history and the SIP messages DeskDial still holds.
          </p>
          <CopyDiagnostics />
        </fieldset>
        <div className="form-footer">
          <ConnectionTest
            update={() => updateFrom(draft)}
            onFieldError={(field, message) => setError(fieldError(field, message))}
          />
          <span className="form-footer-status" role="status">
            {saved && 'Settings saved.'}
          </span>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      </form>
    </div>
  )
}
