import type { AccountSettings, SipTransportProtocol } from '../../../shared/account-settings'
import { describedBy, Checkbox, Field } from './settings-field'
import type { SettingsDraft, SettingsField } from './settings-draft'

interface AccountFieldsProps {
  draft: SettingsDraft
  onChange(draft: SettingsDraft): void
  errorFor(field: SettingsField): string | undefined
  passwordSet: boolean
  /** The first-run setup asks only for what a first call needs. */
  essentialsOnly?: boolean
}

const TRANSPORTS: { value: SipTransportProtocol; label: string }[] = [
  { value: 'udp', label: 'UDP' },
  { value: 'tcp', label: 'TCP' },
  { value: 'tls', label: 'TLS (encrypted)' }
]

/** The phone-system account: where to send calls, as whom, and for which desk phone. */
export function AccountFields({ draft, onChange, errorFor, passwordSet, essentialsOnly }: AccountFieldsProps) {
  const account = draft.settings.account
  const setAccount = (change: Partial<AccountSettings>) =>
    onChange({ ...draft, settings: { ...draft.settings, account: { ...account, ...change } } })

  return (
    <>
      <Field
        field="account.servers"
        label={essentialsOnly ? 'Phone system address' : 'Phone system addresses'}
        hint={
          essentialsOnly
            ? 'Host name or IP address, e.g. pbx.example.com or 10.1.1.1:5060'
            : 'One per line, in failover order (host or host:port)'
        }
        error={errorFor('account.servers')}
      >
        {essentialsOnly ? (
          <input
            {...describedBy('account.servers', errorFor('account.servers'), true)}
            value={draft.serversText.split('\n')[0]}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) =>
              onChange({
                ...draft,
                serversText: [event.target.value, ...draft.serversText.split('\n').slice(1)].join('\n')
              })
            }
          />
        ) : (
          <textarea
            {...describedBy('account.servers', errorFor('account.servers'), true)}
            rows={3}
            value={draft.serversText}
            spellCheck={false}
            onChange={(event) => onChange({ ...draft, serversText: event.target.value })}
          />
        )}
      </Field>
      <Field field="account.transport" label="Transport" error={errorFor('account.transport')}>
        <select
          {...describedBy('account.transport', errorFor('account.transport'), false)}
          value={account.transport}
          onChange={(event) => setAccount({ transport: event.target.value as SipTransportProtocol })}
        >
          {TRANSPORTS.map((transport) => (
            <option key={transport.value} value={transport.value}>
              {transport.label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        field="account.user"
        label="User"
        hint="DeskDial's own account on the phone system"
        error={errorFor('account.user')}
      >
        <input
          {...describedBy('account.user', errorFor('account.user'), true)}
          value={account.user}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setAccount({ user: event.target.value })}
        />
      </Field>
      {!essentialsOnly && (
        <Field
          field="account.authUser"
          label="Authentication user (optional)"
          hint="Only when the phone system expects a different name for the password"
          error={errorFor('account.authUser')}
        >
          <input
            {...describedBy('account.authUser', errorFor('account.authUser'), true)}
            value={account.authUser ?? ''}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setAccount({ authUser: event.target.value || undefined })}
          />
        </Field>
      )}
      <Field
        field="password"
        label="Password"
        hint={
          draft.forgetPassword
            ? 'The stored password will be removed when you save.'
            : passwordSet
              ? 'A password is stored. Type a new one to replace it.'
              : 'Leave empty when the phone system asks for none.'
        }
        error={errorFor('password')}
      >
        <div className="inline-controls">
          <input
            {...describedBy('password', errorFor('password'), true)}
            type="password"
            value={draft.password}
            placeholder={passwordSet && !draft.forgetPassword ? 'stored' : ''}
            autoComplete="new-password"
            onChange={(event) => onChange({ ...draft, password: event.target.value, forgetPassword: false })}
          />
          {passwordSet && !essentialsOnly && (
            <button
              type="button"
              className="quiet"
              onClick={() => onChange({ ...draft, password: '', forgetPassword: !draft.forgetPassword })}
            >
              {draft.forgetPassword ? 'Keep stored password' : 'Remove stored password'}
            </button>
          )}
        </div>
      </Field>
      <Field
        field="account.line"
        label="Desk phone line"
        hint="The number of the desk phone that rings first, e.g. 1001"
        error={errorFor('account.line')}
      >
        <input
          {...describedBy('account.line', errorFor('account.line'), true)}
          value={account.line}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setAccount({ line: event.target.value })}
        />
      </Field>
      {!essentialsOnly && (
        <>
          <Field
            field="account.domain"
            label="SIP domain (optional)"
            hint="Defaults to the first address's host"
            error={errorFor('account.domain')}
          >
            <input
              {...describedBy('account.domain', errorFor('account.domain'), true)}
              value={account.domain ?? ''}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setAccount({ domain: event.target.value || undefined })}
            />
          </Field>
          <Field
            field="account.caFile"
            label="CA certificate file (TLS, optional)"
            hint="Path to the PEM file of the authority that signed the phone system's certificate"
            error={errorFor('account.caFile')}
          >
            <input
              {...describedBy('account.caFile', errorFor('account.caFile'), true)}
              value={account.caFile ?? ''}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setAccount({ caFile: event.target.value || undefined })}
            />
          </Field>
          <Checkbox
            field="account.register"
            label="Register with the phone system"
            hint="Turn off for phone systems that take click-to-dial requests without a registration (e.g. SRST without a pool for DeskDial)"
            checked={account.register}
            onChange={(register) => setAccount({ register })}
          />
        </>
      )}
    </>
  )
}
