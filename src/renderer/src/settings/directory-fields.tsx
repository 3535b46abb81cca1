import { settingsFieldLabel } from '../../../shared/app-settings'
import {
  bindsInClear,
  RETYPE_DIRECTORY_PASSWORD,
  sameDirectoryIdentity,
  UNENCRYPTED_BIND_WARNING
} from '../../../shared/directory-password'
import {
  DIRECTORY_FIELDS,
  DIRECTORY_KINDS,
  DIRECTORY_PRESETS,
  directorySettingsSchema,
  LOGIN_ATTRIBUTE_DEFAULTS,
  type DirectoryKind,
  type DirectorySettings
} from '../../../shared/directory-settings'
import { fieldProblems } from '../../../shared/field-problems'
import type { SecretStorageKind } from '../../../shared/ipc-contract'
import { SecretStorageWarning } from './secret-storage-warning'
import { describedBy, Checkbox, Field } from './settings-field'
import { SETTINGS_FIELDS, type SettingsDraft, type SettingsField } from './settings-draft'

interface DirectoryFieldsProps {
  draft: SettingsDraft
  onChange(draft: SettingsDraft): void
  errorFor(field: SettingsField): string | undefined
  /** The directory as saved: the stored bind password belongs to its server and bind DN. */
  saved: DirectorySettings
  directoryPasswordSet: boolean
  secretStorage: SecretStorageKind
  /** Show what the schema finds wrong beside each field (after a save or a test was tried). */
  showProblems: boolean
}

export const DIRECTORY_KIND_LABELS: Record<DirectoryKind, string> = {
  openldap: 'OpenLDAP',
  'active-directory': 'Active Directory'
}

/** The directory's problems by field ("directory.url"), as the settings schema words them. */
export function directoryProblems(directory: DirectorySettings): Map<string, string> {
  const parsed = directorySettingsSchema.safeParse(directory)
  const problems = new Map<string, string>()
  if (parsed.success) return problems
  for (const { field, error } of fieldProblems(parsed.error, ['directory']))
    if (!problems.has(field)) problems.set(field, error)
  return problems
}

function usesPreset(directory: DirectorySettings): boolean {
  const preset = DIRECTORY_PRESETS[directory.kind]
  return (
    directory.filter === preset.filter &&
    JSON.stringify(directory.attributes) === JSON.stringify(preset.attributes) &&
    directory.loginAttributes === undefined
  )
}

/** The company directory: where it is, how DeskDial binds to it, and which attributes hold what. */
export function DirectoryFields(props: DirectoryFieldsProps) {
  const { draft, onChange, saved, directoryPasswordSet, secretStorage } = props
  const directory = draft.settings.directory
  const setDirectory = (change: Partial<DirectorySettings>) =>
    onChange({ ...draft, settings: { ...draft.settings, directory: { ...directory, ...change } } })
  const problems = props.showProblems ? directoryProblems(directory) : new Map<string, string>()
  const errorFor = (field: SettingsField) => problems.get(field) ?? props.errorFor(field)

  const keepsStored = directoryPasswordSet && !draft.forgetDirectoryPassword && draft.directoryPassword === ''
  const mustRetype = keepsStored && !sameDirectoryIdentity(directory, saved)
  const hasPassword = draft.directoryPassword !== '' || keepsStored
  const ldaps = directory.url.startsWith('ldaps:')
  const preset = DIRECTORY_PRESETS[directory.kind]
  const kindLabel = DIRECTORY_KIND_LABELS[directory.kind]
  // A problem in a field hidden while the directory is off must still be seen.
  const hiddenProblem = directory.enabled
    ? undefined
    : SETTINGS_FIELDS.filter((field) => field.startsWith('directory'))
        .map(errorFor)
        .find((problem) => problem !== undefined)

  return (
    <>
      <Checkbox
        field="directory.enabled"
        label="Search the company directory (LDAP or Active Directory)"
        hint="Quick dial and the contacts search find people from the directory as well as your own contacts"
        checked={directory.enabled}
        onChange={(enabled) => setDirectory({ enabled })}
      />
      {hiddenProblem && (
        <p className="field-error" role="alert">
          {hiddenProblem} Switch the company directory on to correct it.
        </p>
      )}
      {directory.enabled && (
        <>
          <div className="field-grid">
            <Field
              field="directory.kind"
              label={settingsFieldLabel('directory.kind')}
              error={errorFor('directory.kind')}
            >
              <select
                {...describedBy('directory.kind', errorFor('directory.kind'), false)}
                value={directory.kind}
                onChange={(event) => setDirectory({ kind: event.target.value as DirectoryKind })}
              >
                {DIRECTORY_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {DIRECTORY_KIND_LABELS[kind]}
                  </option>
                ))}
              </select>
            </Field>
            <div className="field directory-preset">
              <button
                type="button"
                onClick={() =>
                  setDirectory({
                    filter: preset.filter,
                    attributes: { ...preset.attributes },
                    loginAttributes: undefined
                  })
                }
                aria-describedby="directory-preset-hint"
              >
                Use defaults for {kindLabel}
              </button>
              <p className="hint" id="directory-preset-hint">
                {usesPreset(directory)
                  ? `The filter and attributes are the ${kindLabel} defaults.`
                  : `Replaces the filter and attributes below with the usual ones of ${kindLabel}.`}
              </p>
            </div>
          </div>
          <TextSetting
            field="directory.url"
            label={settingsFieldLabel('directory.url')}
            hint="ldaps://host for an encrypted connection (port 636), or ldap://host with StartTLS (port 389)"
            error={errorFor('directory.url')}
            placeholder="ldaps://ldap.example.com"
            value={directory.url}
            onChange={(url) => setDirectory({ url })}
          />
          {(!ldaps || directory.startTls) && (
            <>
              <Checkbox
                field="directory.startTls"
                label="Use StartTLS (encrypt an ldap:// connection before binding)"
                hint="The server's certificate is always verified"
                checked={directory.startTls}
                onChange={(startTls) => setDirectory({ startTls })}
              />
              {errorFor('directory.startTls') && (
                <p className="field-error" role="alert">
                  {errorFor('directory.startTls')}
                </p>
              )}
            </>
          )}
          <TextSetting
            field="directory.caFile"
            label={`${settingsFieldLabel('directory.caFile')} (optional)`}
            hint="Path to the PEM file of the authority that signed the directory's certificate, when it is not one this computer trusts"
            error={errorFor('directory.caFile')}
            value={directory.caFile ?? ''}
            onChange={(caFile) => setDirectory({ caFile: caFile || undefined })}
          />
          <TextSetting
            field="directory.bindDn"
            label={settingsFieldLabel('directory.bindDn')}
            hint="e.g. cn=deskdial,ou=services,dc=example,dc=com; empty to bind anonymously"
            error={errorFor('directory.bindDn')}
            value={directory.bindDn}
            onChange={(bindDn) => setDirectory({ bindDn })}
          />
          <BindPassword {...props} mustRetype={mustRetype} errorFor={errorFor} />
          {bindsInClear(directory, hasPassword) && (
            <p className="warning" role="note" data-testid="directory-unencrypted-warning">
              {UNENCRYPTED_BIND_WARNING}
            </p>
          )}
          <SecretStorageWarning
            kind={secretStorage}
            secret="the directory bind password"
            advice="Use a directory account that can only read the directory."
            testId="directory-secret-storage-warning"
          />
          <TextSetting
            field="directory.baseDn"
            label={settingsFieldLabel('directory.baseDn')}
            hint="Where the people are, e.g. ou=people,dc=example,dc=com"
            error={errorFor('directory.baseDn')}
            value={directory.baseDn}
            onChange={(baseDn) => setDirectory({ baseDn })}
          />
          <TextSetting
            field="directory.filter"
            label={settingsFieldLabel('directory.filter')}
            hint="Which entries are people; DeskDial adds the words you search for"
            error={errorFor('directory.filter')}
            value={directory.filter}
            onChange={(filter) => setDirectory({ filter })}
          />
          <details
            className="directory-attributes"
            open={
              DIRECTORY_FIELDS.some((field) => errorFor(`directory.attributes.${field}`)) ||
              errorFor('directory.loginAttributes') !== undefined
            }
          >
            <summary>Attributes</summary>
            <p className="hint">The LDAP attribute that holds each detail; leave one empty to not read it.</p>
            <div className="field-grid">
              {DIRECTORY_FIELDS.map((name) => {
                const field = `directory.attributes.${name}` as const
                return (
                  <TextSetting
                    key={name}
                    field={field}
                    label={settingsFieldLabel(field)}
                    error={errorFor(field)}
                    value={directory.attributes[name]}
                    onChange={(value) => setDirectory({ attributes: { ...directory.attributes, [name]: value } })}
                  />
                )
              })}
            </div>
            <TextSetting
              field="directory.loginAttributes"
              label={settingsFieldLabel('directory.loginAttributes')}
              hint={`Where your login name is looked up to propose your desk phone, matched whole or before "@"; empty: ${LOGIN_ATTRIBUTE_DEFAULTS[directory.kind]}`}
              error={errorFor('directory.loginAttributes')}
              placeholder={LOGIN_ATTRIBUTE_DEFAULTS[directory.kind]}
              value={directory.loginAttributes ?? ''}
              onChange={(value) => setDirectory({ loginAttributes: value === '' ? undefined : value })}
            />
          </details>
        </>
      )}
    </>
  )
}

interface TextSettingProps {
  field: SettingsField
  label: string
  hint?: string
  error: string | undefined
  placeholder?: string
  value: string
  onChange(value: string): void
}

/** One line of text: a DN, an address, a filter or an attribute name, never spell-checked. */
function TextSetting({ field, label, hint, error, placeholder, value, onChange }: TextSettingProps) {
  return (
    <Field field={field} label={label} hint={hint} error={error}>
      <input
        {...describedBy(field, error, hint !== undefined)}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  )
}

/** The bind password: masked, kept in the keychain, typed again when the server or bind DN changed. */
function BindPassword({
  draft,
  onChange,
  errorFor,
  directoryPasswordSet,
  secretStorage,
  mustRetype
}: DirectoryFieldsProps & { mustRetype: boolean }) {
  const where = secretStorage === 'os-keychain' ? 'in the OS keychain' : 'on this computer'
  const hint = draft.forgetDirectoryPassword
    ? 'The stored bind password will be removed when you save: DeskDial then binds anonymously.'
    : mustRetype
      ? RETYPE_DIRECTORY_PASSWORD
      : directoryPasswordSet
        ? `A bind password is stored ${where}. Type a new one to replace it.`
        : `Stored ${where}, never in the settings file. Leave empty to bind anonymously.`
  return (
    <Field field="directoryPassword" label="Bind password" hint={hint} error={errorFor('directoryPassword')}>
      <div className="inline-controls">
        <input
          {...describedBy('directoryPassword', errorFor('directoryPassword'), true)}
          type="password"
          value={draft.directoryPassword}
          placeholder={directoryPasswordSet && !draft.forgetDirectoryPassword ? 'stored' : ''}
          autoComplete="new-password"
          onChange={(event) =>
            onChange({ ...draft, directoryPassword: event.target.value, forgetDirectoryPassword: false })
          }
        />
        {directoryPasswordSet && (
          <button
            type="button"
            className="quiet"
            onClick={() =>
              onChange({ ...draft, directoryPassword: '', forgetDirectoryPassword: !draft.forgetDirectoryPassword })
            }
          >
            {draft.forgetDirectoryPassword ? 'Keep stored bind password' : 'Bind anonymously (remove the password)'}
          </button>
        )}
      </div>
    </Field>
  )
}
