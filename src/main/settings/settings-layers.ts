/**
 * Parts of the settings object and how they layer: what an administrator's policy sets, and what
 * the user has set themselves. The user's settings file keeps the built-in defaults with the
 * user's own values laid over them, and never a value that only the policy gave.
 */
import type { AppSettings } from '../../shared/app-settings'
import { isRecord } from '../../shared/is-record'
import { isDeepStrictEqual } from 'node:util'

/** `T` with every key optional, objects inside it too; a list is one value, set or replaced as a whole. */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K]
}

export type SettingsPart = DeepPartial<AppSettings>

/** A policy's two layers around the user's own settings: `under` (its defaults) and `over` (what it locks). */
export interface SettingsLayers {
  under: SettingsPart
  over: SettingsPart
}

export const NO_LAYERS: SettingsLayers = { under: {}, over: {} }

/**
 * The layers merged, later layers winning: objects key by key, anything else (a list of servers
 * too) replaced as a whole. An undefined value sets nothing.
 */
export function mergeSettings(...layers: SettingsPart[]): SettingsPart {
  return layers.reduce<Record<string, unknown>>((merged, layer) => mergeRecords(merged, layer), {}) as SettingsPart
}

function mergeRecords(base: Record<string, unknown>, layer: object): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base }
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue
    merged[key] = isRecord(value) ? mergeRecords(isRecord(merged[key]) ? merged[key] : {}, value) : value
  }
  return merged
}

/** The dotted keys a part sets, e.g. ["account.servers", "trustLinksWithoutConfirmation"]. */
export function settingsPaths(part: object, prefix = ''): string[] {
  return Object.entries(part).flatMap(([key, value]) => {
    if (value === undefined) return []
    const path = `${prefix}${key}`
    return isRecord(value) ? settingsPaths(value, `${path}.`) : [path]
  })
}

/** The value a part sets at a dotted key, or undefined. */
export function settingAt(part: SettingsPart, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), part)
}

/** A part holding `value` at the dotted `path`. */
function partAt(path: string, value: unknown): SettingsPart {
  return path
    .split('.')
    .reduceRight<unknown>((inner, key) => ({ [key]: inner }), structuredClone(value)) as SettingsPart
}

/**
 * The values of `settings` that differ from `base`, at keys `base` knows, leaving out `excluded`
 * keys (and the keys inside them): what a person set themselves, over the defaults they were shown.
 */
export function ownValues(settings: unknown, base: SettingsPart, excluded: readonly string[] = []): SettingsPart {
  const outside = (path: string) => !excluded.some((key) => path === key || path.startsWith(`${key}.`))
  const changed = settingsPaths(isRecord(settings) ? settings : {}).filter((path) => {
    const known = settingAt(base, path)
    return known !== undefined && outside(path) && !isDeepStrictEqual(settingAt(settings as SettingsPart, path), known)
  })
  return mergeSettings(...changed.map((path) => partAt(path, settingAt(settings as SettingsPart, path))))
}
