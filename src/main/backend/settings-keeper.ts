import { RETYPE_PASSWORD, sameAccountIdentity } from '../../shared/account-settings'
import { checkAppSettings, type AppSettings } from '../../shared/app-settings'
import type { DemoPhoneSystemView, SaveResult, SettingsUpdate, SettingsView } from '../../shared/ipc-contract'
import type { SecretStore } from '../settings/password-store'
import type { SettingsStore } from '../settings/versioned-settings-store'
import type { BackendLog } from './backend-log'

export interface SettingsKeeperOptions {
  settings: SettingsStore
  secrets: SecretStore
  log: BackendLog
  /** The built-in demo phone system, while it runs, for the window. */
  demo: () => DemoPhoneSystemView | undefined
}

/** A saved change, and whether the phone-system connection must be made anew for it. */
export interface SettingsChange {
  saved: SaveResult
  reconnect: boolean
}

function sameAccount(a: AppSettings['account'], b: AppSettings['account']): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** The settings and the password: loaded once, then changed only through {@link SettingsKeeper.save}. */
export class SettingsKeeper {
  readonly #options: SettingsKeeperOptions
  #settings: AppSettings | undefined
  #firstRun = true
  #notice: string | undefined
  #dataNotices: string[] = []

  constructor(options: SettingsKeeperOptions) {
    this.#options = options
  }

  async load(): Promise<void> {
    const loaded = await this.#options.settings.load()
    this.#settings = loaded.settings
    this.#firstRun = loaded.firstRun
    this.#notice = loaded.notice
    if (loaded.notice) this.#options.log('warn', loaded.notice)
  }

  get current(): AppSettings {
    if (!this.#settings) throw new Error('DeskDial has not loaded its settings yet.')
    return this.#settings
  }

  password(): Promise<string | undefined> {
    return this.#options.secrets.getPassword()
  }

  /** Something about the user's data (a damaged contacts or history file) to tell in the window. */
  addNotice(notice: string): void {
    this.#dataNotices = [...this.#dataNotices.filter((known) => known !== notice), notice].slice(-5)
  }

  async view(): Promise<SettingsView> {
    const { secrets } = this.#options
    const view: SettingsView = {
      settings: this.current,
      passwordSet: (await secrets.getPassword()) !== undefined,
      secretStorage: secrets.kind,
      firstRun: this.#firstRun
    }
    const notices = [this.#notice, secrets.problem, ...this.#dataNotices].filter(
      (notice): notice is string => notice !== undefined
    )
    if (notices.length > 0) view.notice = notices.join(' ')
    const demo = this.#options.demo()
    if (demo) view.demo = demo
    return view
  }

  async save(update: SettingsUpdate): Promise<SettingsChange> {
    const { log } = this.#options
    const checked = checkAppSettings(update.settings)
    if (!checked.ok)
      return {
        saved: {
          ok: false,
          error: checked.problems.map((problem) => problem.error).join(' '),
          field: checked.problems[0]?.field ?? 'settings'
        },
        reconnect: false
      }
    const previous = this.current
    if (
      update.password === undefined &&
      !sameAccountIdentity(previous.account, checked.settings.account) &&
      (await this.#options.secrets.getPassword()) !== undefined
    ) {
      return { saved: { ok: false, error: RETYPE_PASSWORD, field: 'password' }, reconnect: false }
    }
    try {
      if (update.password === '') await this.#options.secrets.deletePassword()
      else if (update.password !== undefined) await this.#options.secrets.setPassword(update.password)
    } catch (error) {
      log('error', `Storing the SIP password failed: ${(error as Error).message}`)
      return {
        saved: {
          ok: false,
          error:
            'DeskDial could not store the password on this computer. Check that the system keychain is unlocked, then save again.',
          field: 'password'
        },
        reconnect: false
      }
    }
    try {
      await this.#options.settings.save(checked.settings)
    } catch (error) {
      log('error', `Saving settings failed: ${(error as Error).message}`)
      return {
        saved: {
          ok: false,
          error: 'DeskDial could not save the settings file. Check that your disk is not full and try again.'
        },
        reconnect: false
      }
    }
    this.#settings = checked.settings
    this.#firstRun = false
    this.#notice = undefined
    return {
      saved: { ok: true, view: await this.view() },
      reconnect: update.password !== undefined || !sameAccount(previous.account, checked.settings.account)
    }
  }
}
