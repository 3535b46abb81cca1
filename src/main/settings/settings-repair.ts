import { isRecord } from '../../shared/is-record'
import type { AppSettings } from '../../shared/app-settings'
import { checkAppSettings, type SettingsCheck } from '../../shared/app-settings'

/** The settings' sections: objects whose fields are repaired one by one. */
const SECTIONS = ['account', 'dialPlan', 'directory'] as const

/**
 * Puts the default of the dotted `field` ("directory.attributes.mobile") into `candidate`; where
 * `candidate` has no object on the way, the default of that enclosing object instead.
 */
function resetField(candidate: Record<string, unknown>, defaults: AppSettings, field: string): void {
  const keys = field.split('.')
  if (keys.length > 1 && !(SECTIONS as readonly string[]).includes(keys[0] ?? '')) return
  let target = candidate
  let source: unknown = defaults
  for (const [index, key] of keys.entries()) {
    if (!isRecord(source)) return
    const inner = target[key]
    if (index === keys.length - 1 || !isRecord(inner)) {
      target[key] = structuredClone(source[key])
      return
    }
    target = inner
    source = source[key]
  }
}

/** Defaults with every readable value of `loaded` laid over them. */
function overlay(defaults: AppSettings, loaded: unknown): Record<string, unknown> {
  const source = isRecord(loaded) ? loaded : {}
  const merged: Record<string, unknown> = { ...defaults, ...source }
  for (const section of SECTIONS) {
    const value = source[section]
    merged[section] = isRecord(value) ? { ...defaults[section], ...value } : { ...defaults[section] }
  }
  return merged
}

/**
 * Settings read from a file: each field that does not pass the checks falls back to its default,
 * so one bad value does not cost the user the rest of their settings.
 */
export function repairSettings(
  loaded: unknown,
  defaults: AppSettings,
  check: (value: unknown) => SettingsCheck = checkAppSettings
): { settings: AppSettings; resetFields: string[] } {
  const candidate = overlay(defaults, loaded)
  const first = check(candidate)
  if (first.ok) return { settings: first.settings, resetFields: [] }
  const resetFields = [...new Set(first.problems.map((problem) => problem.field))]
  for (const field of resetFields) resetField(candidate, defaults, field)
  const second = check(candidate)
  if (second.ok) return { settings: second.settings, resetFields }
  // What is left spans fields (e.g. half an account): reset those sections whole.
  for (const problem of second.problems) {
    const section = problem.field.split('.')[0] as keyof AppSettings
    if (section in defaults) candidate[section] = structuredClone(defaults[section])
  }
  const third = check(candidate)
  return third.ok
    ? { settings: third.settings, resetFields }
    : { settings: structuredClone(defaults), resetFields: ['settings'] }
}
