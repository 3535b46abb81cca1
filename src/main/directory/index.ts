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
export {
  copyIsCurrent,
  copySource,
  COPY_REFRESH_EVERY_MS,
  directoryCopyFile,
  mergeDirectoryAnswer,
  type CompanyDirectory,
  type DirectoryCopy
} from './company-directory'
export { DirectoryIndex } from './directory-index'
export { foldText } from './fold-text'
export { readUsage, type UsageSources } from './usage-signals'
export {
  DirectoryCache,
  DirectoryError,
  LdapDirectory,
  type DirectoryErrorKind,
  type DirectoryTestResult,
  type LdapDirectoryOptions
} from './ldap'
