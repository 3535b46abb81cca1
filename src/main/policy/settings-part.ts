/**
 * A part of the settings object: what a policy's `defaults` and `locked` hold, and what the user
 * or the command line has actually set. Checked by the settings schema itself, made deep-partial,
 * so a policy's keys are exactly the settings' keys.
 */
import { z } from 'zod'
import { appSettingsSchema } from '../../shared/app-settings'
import type { SettingsPart } from '../settings/settings-layers'

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

/**
 * A nested object made deep-partial; one with a transform after it (the directory's attribute
 * map, which brings an earlier default up to date) is checked without the transform, which
 * applies to the whole object once the layers are merged.
 */
function partialField(field: z.ZodType): z.ZodType {
  if (field instanceof z.ZodObject) return deepPartial(field)
  if (field instanceof z.ZodPipe && field.in instanceof z.ZodObject) return deepPartial(field.in)
  return field
}

export const settingsPartSchema = deepPartial(appSettingsSchema) as unknown as z.ZodType<SettingsPart>

export {
  mergeSettings,
  settingAt,
  settingsPaths,
  type DeepPartial,
  type SettingsPart
} from '../settings/settings-layers'
