/** The company directory over LDAP (ldapts), and its offline copy. */
export { DirectoryCache } from './directory-cache'
export { DirectoryError, type DirectoryErrorKind } from './directory-error'
export { LdapDirectory, type DirectoryTestResult, type LdapDirectoryOptions } from './ldap-directory'
