import type { DeskPhoneProposal } from '../../shared/ipc-contract'
import { loginName } from '../policy'
import { findDirectoryUser, type DirectoryUser } from '../whoami/directory-user'
import type { BackendParts } from './backend-parts'

/** How long the window waits for the directory's answer before it proposes nothing. */
const PROPOSAL_TIMEOUT_MS = 5_000

const NONE: DeskPhoneProposal = { state: 'none' }

function withDeskPhone(users: DirectoryUser[]): { deskPhone: string; name: string }[] {
  return users.flatMap((user) => (user.deskPhone ? [{ deskPhone: user.deskPhone, name: user.name }] : []))
}

/**
 * "Is 1001 your desk phone?" (issue 17 §3): while the company directory is on and the desk phone
 * number is empty, the user's own entry found by their login name. Several people found are
 * offered as a choice; nobody found, or a directory that cannot be asked, proposes nothing.
 */
export async function proposeDeskPhone(parts: BackendParts): Promise<DeskPhoneProposal> {
  const { directory, account, demo } = parts.current
  if (!directory.enabled || account.line !== '' || demo) return NONE
  try {
    const answer = await findDirectoryUser({
      settings: directory,
      password: await parts.settings.directoryPassword(),
      login: parts.options.policy?.username ?? loginName(),
      timeoutMs: PROPOSAL_TIMEOUT_MS
    })
    if (answer.state === 'not-found') return NONE
    const choices = withDeskPhone(answer.state === 'found' ? [answer.user] : answer.users)
    if (answer.state === 'found' && choices[0]) return { state: 'found', ...choices[0] }
    return choices.length > 0 ? { state: 'several', choices } : NONE
  } catch (error) {
    parts.log('warn', `DeskDial could not look you up in the company directory: ${(error as Error).message}`)
    return NONE
  }
}
