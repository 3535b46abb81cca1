import { checkAccountSettings } from '../../../shared/account-settings'
import type { SettingsCommands } from '../../../shared/ipc-contract'
import { LdapDirectory } from '../../directory'
import type { BackendParts } from '../backend-parts'
import { testConnection } from '../connection-test'
import { proposeDeskPhone } from '../desk-phone-proposal'
import { testDirectory } from '../directory-test'

const DEMO_OWNS_THE_ACCOUNT =
  'DeskDial is using its built-in demo phone system: choose “Use my own phone system” first, then enter your account.'

/** The settings, and "Test connection" and "Test directory" with what is typed before it is saved. */
export function settingsAndTests(parts: BackendParts): SettingsCommands {
  const { options, log } = parts
  return {
    getSettings: () => parts.settings.view(),
    async saveSettings(update) {
      // Only startDemo and leaveDemo change the demo flag; while it is on, the account is the demo's.
      const { demo, account, directory } = parts.current
      if (demo) {
        const typed = checkAccountSettings(update.settings.account)
        if (update.password !== undefined || !typed.ok || JSON.stringify(typed.account) !== JSON.stringify(account))
          return { ok: false, error: DEMO_OWNS_THE_ACCOUNT }
      }
      const change = await parts.settings.save({ ...update, settings: { ...update.settings, demo } })
      if (!change.saved.ok) return change.saved
      options.emit('settingsChanged', change.saved.view)
      // A new bind password (or none) changes what the directory lets DeskDial see, like new settings.
      if (
        update.directoryPassword !== undefined ||
        JSON.stringify(change.saved.view.settings.directory) !== JSON.stringify(directory)
      )
        void parts.directory.directorySettingsChanged()
      if (change.reconnect) {
        parts.supervisor
          .restart()
          .catch((error: Error) => log('error', `Reconnecting after a settings change failed: ${error.message}`))
      }
      return change.saved
    },
    testConnection: (update) =>
      testConnection(update, {
        createService: options.createService,
        storedPassword: () => parts.settings.password(),
        savedAccount: () => parts.current.account,
        log,
        diagnostics: parts.diagnostics,
        timeoutMs: options.connectionTestTimeoutMs ?? 15_000,
        stopTimeoutMs: options.stopTimeoutMs ?? 3_000
      }),
    testDirectory: (directory, password) =>
      testDirectory(directory, password, {
        openDirectory: options.openDirectory ?? ((probe) => new LdapDirectory(probe)),
        storedPassword: () => parts.settings.directoryPassword(),
        savedDirectory: () => parts.current.directory,
        log,
        timeoutMs: options.directoryTestTimeoutMs ?? 10_000
      }),
    proposeDeskPhone: () => proposeDeskPhone(parts)
  }
}
