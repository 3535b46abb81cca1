import { DEFAULT_ACCOUNT_SETTINGS, isAccountConfigured } from '../../../shared/account-settings'
import type { DemoCommands, SaveResult } from '../../../shared/ipc-contract'
import type { BackendParts } from '../backend-parts'

/** Starts the demo phone system and saves DeskDial's account on it with its new password; stops it again when saving fails. */
export async function useDemo(parts: BackendParts): Promise<SaveResult> {
  let demo
  try {
    demo = await parts.demo.start()
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
  const change = await parts.settings.save({
    settings: { ...parts.current, demo: true, account: demo.account },
    password: demo.password ?? ''
  })
  if (!change.saved.ok) await parts.demo.stop()
  return change.saved
}

/** The built-in demo phone system: trying DeskDial without one's own, and leaving it for one's own. */
export function demo(parts: BackendParts): DemoCommands {
  const { emit } = parts.options
  return {
    /** First run without an account: starts the built-in demo phone system, saves its account and connects to it. */
    async startDemo() {
      if (parts.current.demo) return { ok: true, view: await parts.settings.view() }
      if (isAccountConfigured(parts.current.account)) {
        return {
          ok: false,
          error:
            'DeskDial already has your phone system account, so it does not start the demo phone system. Change the account in Settings instead.'
        }
      }
      const saved = await useDemo(parts)
      if (!saved.ok) return saved
      emit('settingsChanged', saved.view)
      await parts.supervisor.restart()
      return saved
    },
    /** Forgets the demo phone system's account and password, unregisters from it and stops it, so the user can enter their own. */
    async leaveDemo() {
      if (parts.current.demo) {
        const change = await parts.settings.save({
          settings: { ...parts.current, demo: false, account: DEFAULT_ACCOUNT_SETTINGS },
          password: ''
        })
        if (!change.saved.ok) return change.saved
        await parts.supervisor.restart()
        await parts.demo.stop()
      }
      const view = await parts.settings.view()
      emit('settingsChanged', view)
      return { ok: true, view }
    }
  }
}
