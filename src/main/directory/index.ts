/** The directory: one search over DeskDial's contacts, the company directory (LDAP) and the call history. */
export type {
  DirectoryEntry,
  DirectoryHit,
  DirectorySource,
  MatchKind,
  MatchRange,
  UsageSignal
} from './directory-entry'
export { contactEntry, contactEntryId, contactIdOf } from './contact-entries'
export { DirectoryIndex } from './directory-index'
export { foldText } from './fold-text'
export {
  DirectoryCache,
  DirectoryError,
  LdapDirectory,
  type DirectoryErrorKind,
  type DirectoryTestResult,
  type LdapDirectoryOptions
} from './ldap'
