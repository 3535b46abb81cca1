/**
 * The settings file's versions and how to bring an older file up to date.
 *
 * - v1: `account.server` was a single address string.
 * - v2: `account.servers` lists addresses in failover order; `setupDone` records the first-run setup.
 */
import { isRecord } from '../../shared/is-record'

export const SETTINGS_VERSION = 2

export interface SettingsDocument {
  version: number
  /** False until the user completed the first-run setup (saved settings once). */
  setupDone: boolean
  settings: unknown
}

type Migration = (document: Record<string, unknown>) => Record<string, unknown>

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

export type MigrationResult =
  { ok: true; document: SettingsDocument; migratedFrom?: number } | { ok: false; error: string }

/**
 * The document's envelope as JSON Schema, for electron-store: what every version has in common.
 * The settings inside are checked (and repaired field by field) by the settings schema on load.
 */
export const SETTINGS_DOCUMENT_JSON_SCHEMA = {
  version: { type: 'integer', minimum: 1 },
  setupDone: { type: 'boolean' },
  settings: { type: 'object' }
} as const

/** Brings a parsed settings file to {@link SETTINGS_VERSION}. A file without a version is v1. */
export function migrateSettingsDocument(value: unknown): MigrationResult {
  if (!isRecord(value)) return { ok: false, error: 'The settings file does not contain settings.' }
  const start = value.version === undefined ? 1 : value.version
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 1)
    return { ok: false, error: 'The settings file has an unknown version.' }
  if (start > SETTINGS_VERSION)
    return { ok: false, error: `The settings file was written by a newer DeskDial (version ${start}).` }
  let document: Record<string, unknown> = { ...value, version: start }
  for (let version = start; version < SETTINGS_VERSION; version++) {
    const migrate = MIGRATIONS[version]
    if (!migrate) return { ok: false, error: `DeskDial cannot update settings from version ${version}.` }
    document = migrate(document)
  }
  const migrated: SettingsDocument = {
    version: SETTINGS_VERSION,
    setupDone: document.setupDone === true,
    settings: document.settings
  }
  return start < SETTINGS_VERSION
    ? { ok: true, document: migrated, migratedFrom: start }
    : { ok: true, document: migrated }
}
