/**
 * `deskdial search <query>`: one search over DeskDial's own contacts, recent calls and favourites
 * (in DESKDIAL_USER_DATA or the app's data folder) and the company directory (LDAP: its offline
 * copy and its live answer), ranked by the app's search engine over the app's data (see search-sources.ts).
 * Exit codes: 0 searched, 1 the directory refused (bind, certificate, limit), 2 bad usage or
 * settings, 3 the directory could not be reached or did not answer. Local results are printed
 * even when the directory fails.
 */
import { parseArguments, readSettingsFile, UsageError } from './cli-options'
import { defaultDirectorySettings, directorySettingsSchema, type DirectorySettings } from '../shared/directory-settings'
import { fieldProblems } from '../shared/field-problems'
import { isRecord } from '../shared/is-record'
import type { DirectoryErrorKind, DirectoryHit } from '../main/directory'
import { userDataDirectory } from '../main/settings/user-data-directory'
import { searchSources } from './search-sources'

export const SEARCH_USAGE = `Usage:
  deskdial search <query> [--config <settings.json>] [--ldap-url ldap[s]://host:port --ldap-base <DN>
                  [--ldap-bind-dn <DN>] [--ldap-filter <filter>] [--ldap-ca <file>]] [--offline | --refresh]
                  [--limit N] [--json]

Searches your contacts, recent calls and the company directory at once, as the app does, and prints
the results best first: name, number, label, company and source. Words find names by the start of
any word (or by initials, or with a slip), digits find numbers however they are written.

The company directory is searched in the app's offline copy (directory-cache.json in the data
folder), fetched with paged searches when it is missing or older than 4 hours, and asked live.
  --config FILE.json      the app's settings file: its "directory" section (server, StartTLS, CA file,
                          bind DN, base DN, filter, attribute names); the options below override it
  --ldap-url URL          the directory server, ldap://host:389 or ldaps://host:636
  --ldap-base DN          where the people are, e.g. ou=people,dc=example,dc=com
  --ldap-bind-dn DN       who to bind as (default: an anonymous bind)
  --ldap-filter FILTER    which entries are people (default (objectClass=inetOrgPerson))
  --ldap-ca FILE          PEM file with the CA of the directory's certificate
  --offline               only the offline copy as it is: the directory server is not asked
  --refresh               fetch the offline copy again first
  --limit N               at most N results (default 20)
  --json                  one JSON object per line

The bind password comes from the environment variable DESKDIAL_LDAP_PASSWORD. The password the
app stores is encrypted with this computer's keychain through Electron, which the command line
cannot read. Your contacts are those of DESKDIAL_USER_DATA, else the app's data folder.`

const EXIT = { searched: 0, refused: 1, usage: 2, unreachable: 3 } as const
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 500

export interface SearchIo {
  write(line: string): void
  writeError(line: string): void
}

interface SearchCommand {
  query: string
  directory: DirectorySettings | undefined
  limit: number
  offline: boolean
  refresh: boolean
  json: boolean
  help: boolean
}

/** The `directory` section of the app's settings file (`{version, settings: {directory}}` or `{directory}`). */
function directorySection(file: string): Record<string, unknown> | undefined {
  const settings = readSettingsFile(file)
  return isRecord(settings.directory) ? settings.directory : undefined
}

function directorySettings(values: Record<string, string | boolean | undefined>): DirectorySettings | undefined {
  const text = (name: string): string | undefined => {
    const value = values[name]
    return typeof value === 'string' ? value : undefined
  }
  const fromFile = text('config') === undefined ? undefined : directorySection(text('config') ?? '')
  const url = text('ldap-url')
  if (url === undefined && (fromFile === undefined || fromFile.enabled !== true)) {
    const stray = ['ldap-base', 'ldap-bind-dn', 'ldap-filter', 'ldap-ca'].find((name) => values[name] !== undefined)
    if (stray) throw new UsageError(`--${stray} needs --ldap-url: the directory server to search.`)
    return undefined
  }
  const defaults = defaultDirectorySettings(fromFile?.kind === 'active-directory' ? 'active-directory' : 'openldap')
  const merged: Record<string, unknown> = { ...defaults, ...fromFile, enabled: true }
  if (url !== undefined) merged.url = url
  if (text('ldap-base') !== undefined) merged.baseDn = text('ldap-base')
  if (text('ldap-bind-dn') !== undefined) merged.bindDn = text('ldap-bind-dn')
  if (text('ldap-filter') !== undefined) merged.filter = text('ldap-filter')
  if (text('ldap-ca') !== undefined) merged.caFile = text('ldap-ca')
  const checked = directorySettingsSchema.safeParse(merged)
  if (!checked.success)
    throw new UsageError(
      `The directory settings cannot be used: ${fieldProblems(checked.error, ['directory'])
        .map((problem) => problem.error)
        .join(' ')}`
    )
  return checked.data
}

function parseSearch(argv: string[]): SearchCommand {
  const parsed = parseArguments(argv, {
    config: { type: 'string' },
    'ldap-url': { type: 'string' },
    'ldap-base': { type: 'string' },
    'ldap-bind-dn': { type: 'string' },
    'ldap-filter': { type: 'string' },
    'ldap-ca': { type: 'string' },
    limit: { type: 'string' },
    offline: { type: 'boolean' },
    refresh: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
  })
  const { values, positionals } = parsed
  const json = values.json === true
  const offline = values.offline === true
  const refresh = values.refresh === true
  if (values.help) return { query: '', directory: undefined, limit: DEFAULT_LIMIT, offline, refresh, json, help: true }
  const query = positionals.join(' ').trim()
  if (query === '') throw new UsageError('Give something to search for, e.g. deskdial search "anna miller".')
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}.`)
  if (offline && refresh)
    throw new UsageError('--offline and --refresh cannot go together: --refresh asks the directory server.')
  const directory = directorySettings(values)
  if (refresh && directory === undefined)
    throw new UsageError('--refresh needs the directory: give --ldap-url and --ldap-base, or --config.')
  return { query, directory, limit, offline, refresh, json, help: false }
}

function exitCodeOf(kind: DirectoryErrorKind): number {
  if (kind === 'settings') return EXIT.usage
  if (kind === 'unreachable' || kind === 'timeout') return EXIT.unreachable
  return EXIT.refused
}

function describeHit(hit: DirectoryHit): {
  name: string
  number: string
  label: string
  company: string
  source: string
} {
  const { entry } = hit
  const dialled = entry.numbers[hit.numberIndex] ?? entry.numbers[0]
  return {
    name: entry.name,
    number: dialled?.number ?? '',
    label: dialled?.label ?? '',
    company: entry.company ?? '',
    source: entry.source
  }
}

export async function runSearch(argv: string[], io: SearchIo, env: NodeJS.ProcessEnv): Promise<number> {
  let command: SearchCommand
  try {
    command = parseSearch(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    if (argv.includes('--json'))
      io.write(JSON.stringify({ event: 'error', message: error.message, exitCode: EXIT.usage }))
    else io.writeError(`${error.message}\n\n${SEARCH_USAGE}`)
    return EXIT.usage
  }
  if (command.help) {
    io.write(SEARCH_USAGE)
    return EXIT.searched
  }
  const report = (message: string, exitCode: number): void =>
    command.json ? io.write(JSON.stringify({ event: 'error', message, exitCode })) : io.writeError(message)

  const found = await searchSources({
    dataFolder: userDataDirectory(env),
    query: command.query,
    limit: command.limit,
    directory: command.directory,
    password: env.DESKDIAL_LDAP_PASSWORD,
    offline: command.offline,
    refresh: command.refresh,
    log: io.writeError
  })
  let exitCode: number = EXIT.searched
  if (found.problem) {
    exitCode = exitCodeOf(found.problem.kind)
    report(`The company directory was not searched: ${found.problem.message}`, exitCode)
  }
  const hits = found.hits.map(describeHit)
  for (const hit of hits) {
    if (command.json) io.write(JSON.stringify(hit))
    else
      io.write(
        [hit.name, hit.number && `${hit.number} (${hit.label})`, hit.company, `[${hit.source}]`]
          .filter(Boolean)
          .join('  ')
      )
  }
  if (hits.length === 0 && !command.json) io.write(`Nothing found for "${command.query}".`)
  return exitCode
}
