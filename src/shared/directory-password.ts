/**
 * The directory's bind password, kept like the SIP password: it is only ever sent to the server
 * and as the bind DN it was saved for, and the window says when it would cross the network in clear.
 */
import { isDirectoryEncrypted, type DirectorySettings } from './directory-settings'

/** Whether two directory settings bind as the same DN on the same server. */
export function sameDirectoryIdentity(a: DirectorySettings, b: DirectorySettings): boolean {
  return a.url === b.url && a.bindDn === b.bindDn
}

/** Why the stored bind password is not used for a directory whose server or bind DN changed. */
export const RETYPE_DIRECTORY_PASSWORD =
  'Type the bind password again: the directory server or the bind DN changed, and DeskDial sends the stored password only to the directory it was saved for.'

/** Said beside the bind password while it would be sent without encryption. */
export const UNENCRYPTED_BIND_WARNING = 'The password would cross the network unencrypted: use ldaps:// or StartTLS.'

/** Whether binding to `directory` with a password would send that password in clear. */
export function bindsInClear(directory: Pick<DirectorySettings, 'url' | 'startTls'>, hasPassword: boolean): boolean {
  return hasPassword && directory.url !== '' && !isDirectoryEncrypted(directory)
}
