import { isDeepStrictEqual } from 'node:util'
import type { PolicyState } from '../policy'
import type { BackendParts } from './backend-parts'

/**
 * A new policy while DeskDial runs (a provisioning refresh, or the policy file changed): the
 * settings are made again under it, the window is told, the search follows a changed directory,
 * and the phone system is connected to again only when the account changed.
 */
export async function applyPolicyChange(parts: BackendParts, state: PolicyState): Promise<void> {
  const previous = parts.current
  await parts.settings.applyPolicy(state)
  const next = parts.current
  parts.options.emit('settingsChanged', await parts.settings.view())
  if (!isDeepStrictEqual(previous.directory, next.directory)) void parts.directory.directorySettingsChanged()
  if (!isDeepStrictEqual(previous.account, next.account))
    await parts.supervisor
      .restart()
      .catch((error: Error) => parts.log('error', `Reconnecting after a policy change failed: ${error.message}`))
}
