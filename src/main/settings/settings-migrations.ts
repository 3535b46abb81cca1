/**
 * The settings file's versions and how to bring an older file up to date.
 *
 * - v1: `account.server` was a single address string.
 * - v2: `account.servers` lists addresses in failover order; `setupDone` records the first-run setup.
 */
export const SETTINGS_VERSION = 2

export interface SettingsDocument {
  version: number
  /** False until the user completed the first-run setup (saved settings once). */
  setupDone: boolean
  settings: unknown
}

type Migration = (document: Record<string, unknown>) => Record<string, unknown>

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const MIGRATIONS: Record<number, Migration> = {
  1: (document) => {
    const settings = isRecord(document.settings) ? { ...document.settings } : {}
    if (isRecord(settings.account)) {
      const { server, ...account } = settings.account
      const servers = typeof server === 'string' && server.trim() !== '' ? [server.trim()] : []
      settings.account = { ...account, servers }
    }
    // A v1 file only existed once someone had saved settings, so the setup was done.
    return { version: 2, setupDone: true, settings }
  }
}

export type MigrationResult = { ok: true; document: SettingsDocument; migratedFrom?: number } | { ok: false; error: string }

/** Brings a parsed settings file to {@link SETTINGS_VERSION}. A file without a version is v1. */
export function migrateSettingsDocument(value: unknown): MigrationResult {
  if (!isRecord(value)) return { ok: false, error: 'The settings file does not contain settings.' }
  const start = value.version === undefined ? 1 : value.version
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 1) return { ok: false, error: 'The settings file has an unknown version.' }
  if (start > SETTINGS_VERSION) return { ok: false, error: `The settings file was written by a newer DeskDial (version ${start}).` }
  let document: Record<string, unknown> = { ...value, version: start }
  for (let version = start; version < SETTINGS_VERSION; version++) {
    const migrate = MIGRATIONS[version]
    if (!migrate) return { ok: false, error: `DeskDial cannot update settings from version ${version}.` }
    document = migrate(document)
  }
  const migrated: SettingsDocument = { version: SETTINGS_VERSION, setupDone: document.setupDone === true, settings: document.settings }
  return start < SETTINGS_VERSION ? { ok: true, document: migrated, migratedFrom: start } : { ok: true, document: migrated }
}
