/**
 * The DeskDial service under test, pointed at a loopback peer, with everything it emits recorded,
 * plus the per-test cleanup that stops every process and socket a test started.
 */
import { afterEach } from 'vitest'
import { DeskDialService, type DeskDialServiceConfig } from '../../../src/main/service/deskdial-service'
import type { ServerSwitch } from '../../../src/main/service/deskdial-service-api'
import type { AccountSettings } from '../../../src/shared/account-settings'
import type { CallProgress, CallState } from '../../../src/shared/call-progress'
import type { RegistrationState, RegistrationStatus } from '../../../src/shared/registration-status'
import { Waiters } from './waiters'

/** The account every SIP integration test uses; the scenarios' keys match it. */
export const TEST_ACCOUNT = {
  user: 'deskdial',
  authUser: 'deskdial-auth',
  password: 's3cret-Pa55',
  line: '1001',
  displayName: 'DeskDial Test'
} as const

export interface ServiceUnderTestOptions {
  port: number
  /** Ports of further servers on 127.0.0.1, in failover order after `port`. */
  backupPorts?: number[]
  transport: AccountSettings['transport']
  register?: boolean
  expires?: number
  password?: string
  caFile?: string
  timing?: DeskDialServiceConfig['timing']
  transportOptions?: DeskDialServiceConfig['transport']
}

export interface ServiceUnderTest {
  service: DeskDialService
  registrations: RegistrationStatus[]
  progress: CallProgress[]
  /** Everything the service logged, for failure messages. */
  logs: string[]
  /** Each move to another server, as the service reported it. */
  switches: ServerSwitch[]
  statesOf(callId: string): CallState[]
  /** Dials through the service, keeping the first progress it returns with the rest. */
  dial(dialString: string): CallProgress
  waitForRegistration(state: RegistrationState, timeoutMs: number): Promise<RegistrationStatus>
  /** Resolves with the call's `connected` or `failed` progress. */
  waitForFinal(callId: string, timeoutMs: number): Promise<CallProgress>
}

export function createService(options: ServiceUnderTestOptions): ServiceUnderTest {
  const logs: string[] = []
  const switches: ServerSwitch[] = []
  const service = new DeskDialService({
    account: {
      servers: [options.port, ...(options.backupPorts ?? [])].map((port) => `127.0.0.1:${port}`),
      transport: options.transport,
      user: TEST_ACCOUNT.user,
      authUser: TEST_ACCOUNT.authUser,
      domain: '127.0.0.1',
      line: TEST_ACCOUNT.line,
      displayName: TEST_ACCOUNT.displayName,
      register: options.register ?? false,
      expires: options.expires ?? 600,
      caFile: options.caFile
    },
    password: options.password ?? TEST_ACCOUNT.password,
    log: (level, message) => logs.push(`${level}: ${message}`),
    onServerSwitch: (change) => switches.push(change),
    timing: options.timing,
    transport: options.transportOptions
  })
  const registrations: RegistrationStatus[] = []
  const progress: CallProgress[] = []
  const waiters = new Waiters()
  service.onRegistration((status) => {
    registrations.push(status)
    waiters.notify()
  })
  service.onCallProgress((update) => {
    progress.push(update)
    waiters.notify()
  })

  const waitFor = <T>(what: string, timeoutMs: number, find: () => T | undefined): Promise<T> =>
    waiters.waitFor(
      find,
      timeoutMs,
      () => `Timed out after ${timeoutMs} ms waiting for ${what}.\nService log:\n${logs.join('\n')}`
    )

  return {
    service,
    registrations,
    progress,
    logs,
    switches,
    statesOf: (callId) => progress.filter((update) => update.id === callId).map((update) => update.state),
    dial: (dialString) => {
      const first = service.dial(dialString)
      progress.push(first)
      return first
    },
    waitForRegistration: (state, timeoutMs) =>
      waitFor(`registration state ${state}`, timeoutMs, () => registrations.find((status) => status.state === state)),
    waitForFinal: (callId, timeoutMs) =>
      waitFor(`the final progress of call ${callId}`, timeoutMs, () =>
        progress.find((update) => update.id === callId && (update.state === 'connected' || update.state === 'failed'))
      )
  }
}

/** Registers an afterEach that closes, newest first, everything a test handed to `track`. */
export function useCleanup(): <T>(resource: T, close: (resource: T) => Promise<void>) => T {
  const stack: Array<() => Promise<void>> = []
  afterEach(async () => {
    const errors: unknown[] = []
    for (const close of stack.splice(0).reverse()) {
      try {
        await close()
      } catch (error) {
        errors.push(error)
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'Cleaning up after the test failed')
  })
  return (resource, close) => {
    stack.push(() => close(resource))
    return resource
  }
}
