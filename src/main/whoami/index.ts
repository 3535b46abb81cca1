/** The user's own entry in the company directory, found by login name: their desk phone and name. */
export {
  findDirectoryUser,
  LOGIN_ATTRIBUTES,
  type DirectoryUser,
  type WhoamiAnswer,
  type WhoamiQuestion
} from './directory-user'
