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
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodObject ? deepPartial(field) : (field as z.ZodType)).optional()
    ])
  )
  return z.strictObject(shape)
}

export const settingsPartSchema = deepPartial(appSettingsSchema) as unknown as z.ZodType<SettingsPart>

export {
  mergeSettings,
  settingAt,
  settingsPaths,
  type DeepPartial,
  type SettingsPart
} from '../settings/settings-layers'
