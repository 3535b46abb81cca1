import { DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from '../../shared/account-settings'
import type { DialPlanSettings } from '../../shared/app-settings'
import type { DemoPhoneSystemView } from '../../shared/ipc-contract'
import { DEMO_DEFAULTS, SPECIAL_NUMBERS, startDemoPhoneSystem, type DemoPhoneSystem } from '../../demo-pbx'
import type { BackendLog } from './backend-log'

export interface DemoModeOptions {
  /** The port to listen on (UDP and TCP); 0 picks a free one each time. */
  port: number
  log: BackendLog
}

/** The account DeskDial uses on a running demo phone system, and its password. */
export interface DemoAccount {
  account: AccountSettings
  password: string | undefined
}

/**
 * The dial plan for `typed` on the demo phone system: its numbers (1002, 486 and the other
 * special numbers) have three or four digits and are dialled as typed, whatever the extension
 * length in the user's dial plan; other numbers follow the user's dial plan.
 */
export function demoDialPlan(typed: string, dialPlan: DialPlanSettings): DialPlanSettings {
  return /^\d{3,4}$/.test(typed) ? { ...dialPlan, internalExtensionLength: typed.length } : dialPlan
}

/** The demo phone system's sentence ends with advice for its command line (--port, --host); the app gives its own. */
function reasonOf(error: Error): string {
  const { message } = error
  const advice = message.lastIndexOf(': ')
  return message.includes(' --') && advice > 0 ? message.slice(0, advice) : message.replace(/\.$/, '')
}

/**
 * The built-in demo phone system, run by the app on loopback for people who have no phone system
 * (or want to try DeskDial first). Each start makes up a new password for DeskDial's account, so
 * the password is never older than the running phone system. Starts and stops happen one at a time,
 * in the order asked.
 */
export class DemoMode {
  readonly #options: DemoModeOptions
  #pbx: DemoPhoneSystem | undefined
  #changes: Promise<void> = Promise.resolve()

  constructor(options: DemoModeOptions) {
    this.#options = options
  }

  /** What the window tells about the running demo phone system; undefined when it is not running. */
  get view(): DemoPhoneSystemView | undefined {
    const pbx = this.#pbx
    if (!pbx) return undefined
    return {
      server: `${pbx.host}:${pbx.port}`,
      deskPhone: DEMO_DEFAULTS.deskPhone,
      answeringNumber: DEMO_DEFAULTS.answeringNumber,
      specialNumbers: SPECIAL_NUMBERS.map(({ number, behaviour }) => ({ number, behaviour }))
    }
  }

  /**
   * Starts the demo phone system (stopping one that runs) and returns DeskDial's account on it.
   * Rejects with a sentence that says what to do when it cannot listen.
   */
  start(): Promise<DemoAccount> {
    return this.#queue(async () => {
      await this.#stop()
      const { port, log } = this.#options
      try {
        this.#pbx = await startDemoPhoneSystem({
          host: DEMO_DEFAULTS.host,
          port,
          account: { password: 'random' },
          log: (line) => log('debug', `[demo] ${line}`)
        })
      } catch (error) {
        log('error', `The demo phone system did not start: ${(error as Error).message}`)
        throw new Error(
          `DeskDial could not start its built-in demo phone system: ${reasonOf(error as Error)}. Try again in a moment, or set up your own phone system instead.`
        )
      }
      const { host, account } = this.#pbx
      log('info', `The built-in demo phone system listens on ${host}:${this.#pbx.port}.`)
      return {
        account: {
          ...DEFAULT_ACCOUNT_SETTINGS,
          servers: [`${host}:${this.#pbx.port}`],
          transport: 'udp',
          user: account.user,
          line: DEMO_DEFAULTS.deskPhone,
          displayName: 'DeskDial demo'
        },
        password: account.password
      }
    })
  }

  /** Ends its calls and closes its ports; nothing when it is not running. */
  stop(): Promise<void> {
    return this.#queue(() => this.#stop())
  }

  #queue<T>(change: () => Promise<T>): Promise<T> {
    const next = this.#changes.then(change, change)
    this.#changes = next.then(
      () => undefined,
      () => undefined
    )
    return next
  }

  async #stop(): Promise<void> {
    const pbx = this.#pbx
    if (!pbx) return
    this.#pbx = undefined
    await pbx.stop()
    this.#options.log('info', 'The built-in demo phone system stopped.')
  }
}
