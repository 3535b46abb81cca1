/**
 * A part of the settings object: what a policy's `defaults` and `locked` hold, and what the user
 * or the command line has actually set. Checked by the settings schema itself, made deep-partial,
 * so a policy's keys are exactly the settings' keys.
 */
import { z } from 'zod'
import { appSettingsSchema, type AppSettings } from '../../shared/app-settings'
import { isRecord } from '../../shared/is-record'

/** `T` with every key optional, objects inside it too; a list is one value, set or replaced as a whole. */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K]
}

export type SettingsPart = DeepPartial<AppSettings>

/**
 * `schema` with every key optional, nested objects too, and unknown keys refused. The rules between
 * fields (e.g. "an account with a server needs a user") are left out: a part may set any one field.
 */
function deepPartial(schema: z.ZodObject): z.ZodObject {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, partialField(field as z.ZodType).optional()])
  )
  return z.strictObject(shape)
}

/** An object (also one whose whole value is then transformed, e.g. migrated) becomes deep-partial; a field stays as it is. */
function partialField(field: z.ZodType): z.ZodType {
  if (field instanceof z.ZodObject) return deepPartial(field)
  if (field instanceof z.ZodPipe && field.in instanceof z.ZodObject) return deepPartial(field.in)
  return field
}

export const settingsPartSchema = deepPartial(appSettingsSchema) as unknown as z.ZodType<SettingsPart>

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
