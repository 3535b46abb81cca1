/** The user's own entry in the company directory, found by login name: their desk phone and name. */
export { findDirectoryUser, type DirectoryUser, type WhoamiAnswer, type WhoamiQuestion } from './directory-user'
