import { RETYPE_PASSWORD, sameAccountIdentity } from '../../shared/account-settings'
import { checkAppSettings, settingsFieldLabel, type AppSettings } from '../../shared/app-settings'
import { RETYPE_DIRECTORY_PASSWORD, sameDirectoryIdentity } from '../../shared/directory-password'
import type {
  DemoPhoneSystemView,
  PolicyView,
  SaveResult,
  SettingsUpdate,
  SettingsView
} from '../../shared/ipc-contract'
import { contradictions, describePolicyProblem, lockedPaths, NO_POLICY_STATE, type PolicyState } from '../policy'
import { settingsPaths, type SettingsLayers } from '../settings/settings-layers'
import { DIRECTORY_PASSWORD, SIP_PASSWORD, type SecretStore } from '../settings/password-store'
import type { SettingsStore } from '../settings/versioned-settings-store'
import type { BackendLog } from './backend-log'
import { passwordToUse } from './password-to-use'

export interface SettingsKeeperOptions {
  settings: SettingsStore
  secrets: SecretStore
  /** The company directory's bind password, in a store of its own. */
  directorySecrets: SecretStore
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
  #policy: PolicyState = NO_POLICY_STATE

  constructor(options: SettingsKeeperOptions) {
    this.#options = options
  }

  /** The policy's defaults and locked values around the user's own settings. */
  get #layers(): SettingsLayers {
    return { under: this.#policy.policy.defaults, over: this.#policy.policy.locked }
  }

  async load(): Promise<void> {
    const loaded = await this.#options.settings.load(this.#layers)
    this.#settings = loaded.settings
    this.#firstRun = loaded.firstRun
    this.#notice = loaded.notice
    if (loaded.notice) this.#options.log('warn', loaded.notice)
  }

  get current(): AppSettings {
    if (!this.#settings) throw new Error('DeskDial has not loaded its settings yet.')
    return this.#settings
  }

  /** A new policy (at start, or when provisioning brings another): the settings are made again under it. */
  async applyPolicy(state: PolicyState): Promise<void> {
    this.#policy = state
    for (const problem of state.problems) this.#options.log('warn', describePolicyProblem(problem))
    if (state.notice) this.#options.log('warn', state.notice)
    if (this.#settings) this.#settings = (await this.#options.settings.load(this.#layers)).settings
  }

  get #policyView(): PolicyView {
    const { policy, sources, problems, notice } = this.#policy
    const view: PolicyView = {
      sources,
      locked: lockedPaths(policy).map((setting) => setting.key),
      defaults: settingsPaths(policy.defaults),
      problems: problems.map(describePolicyProblem)
    }
    if (notice) view.notice = notice
    return view
  }

  password(): Promise<string | undefined> {
    return this.#options.secrets.getPassword()
  }

  /** The saved bind password of the company directory; `undefined` for an anonymous bind. */
  directoryPassword(): Promise<string | undefined> {
    return this.#options.directorySecrets.getPassword()
  }

  /** Something about the user's data (a damaged contacts or history file) to tell in the window. */
  addNotice(notice: string): void {
    this.#dataNotices = [...this.#dataNotices.filter((known) => known !== notice), notice].slice(-5)
  }

  async view(): Promise<SettingsView> {
    const { secrets, directorySecrets } = this.#options
    const view: SettingsView = {
      settings: this.current,
      passwordSet: (await secrets.getPassword()) !== undefined,
      directoryPasswordSet: (await directorySecrets.getPassword()) !== undefined,
      secretStorage: secrets.kind,
      firstRun: this.#firstRun,
      policy: this.#policyView
    }
    const notices = [
      this.#notice,
      ...view.policy.problems,
      view.policy.notice,
      secrets.problem,
      directorySecrets.problem,
      ...this.#dataNotices
    ].filter((notice): notice is string => notice !== undefined)
    if (notices.length > 0) view.notice = notices.join(' ')
    const demo = this.#options.demo()
    if (demo) view.demo = demo
    return view
  }

  async save(update: SettingsUpdate): Promise<SettingsChange> {
    const { log } = this.#options
    const [locked] = contradictions(this.#policy.policy, update.settings)
    if (locked)
      return {
        saved: {
          ok: false,
          error: `${settingsFieldLabel(locked.key)} is set by your administrator in ${locked.source} and cannot be changed here.`,
          field: locked.key
        },
        reconnect: false
      }
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
    const retype = await this.#retypeProblem(previous, checked.settings, update)
    if (retype) return { saved: { ok: false, ...retype }, reconnect: false }
    const stored =
      (await this.#store(this.#options.secrets, update.password, SIP_PASSWORD.secret, 'password')) ??
      (await this.#store(
        this.#options.directorySecrets,
        update.directoryPassword,
        DIRECTORY_PASSWORD.secret,
        'directoryPassword'
      ))
    if (stored) return { saved: stored, reconnect: false }
    try {
      await this.#options.settings.save(checked.settings, this.#layers)
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

  /** A stored password may only be used for the identity it was saved with: changing that needs it typed again. */
  async #retypeProblem(
    previous: AppSettings,
    next: AppSettings,
    update: SettingsUpdate
  ): Promise<{ error: string; field: string } | undefined> {
    const { secrets, directorySecrets } = this.#options
    const sip = await passwordToUse(update.password, sameAccountIdentity(previous.account, next.account), () =>
      secrets.getPassword()
    )
    if (sip.retype) return { error: RETYPE_PASSWORD, field: 'password' }
    const directory = await passwordToUse(
      update.directoryPassword,
      sameDirectoryIdentity(previous.directory, next.directory),
      () => directorySecrets.getPassword()
    )
    if (directory.retype) return { error: RETYPE_DIRECTORY_PASSWORD, field: 'directoryPassword' }
    return undefined
  }

  /** Stores (or with '' removes) a typed password; a failure as the save's answer. */
  async #store(
    store: SecretStore,
    password: string | undefined,
    what: string,
    field: string
  ): Promise<SaveResult | undefined> {
    try {
      if (password === '') await store.deletePassword()
      else if (password !== undefined) await store.setPassword(password)
      return undefined
    } catch (error) {
      this.#options.log('error', `Storing the ${what} failed: ${(error as Error).message}`)
      return {
        ok: false,
        error:
          'DeskDial could not store the password on this computer. Check that the system keychain is unlocked, then save again.',
        field
      }
    }
  }
}
