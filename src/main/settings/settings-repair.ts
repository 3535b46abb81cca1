import { isRecord } from '../../shared/is-record'
import type { AppSettings } from '../../shared/app-settings'
import { checkAppSettings } from '../../shared/app-settings'

type Path = readonly [keyof AppSettings] | readonly ['account' | 'dialPlan', string]

function pathOf(field: string): Path | undefined {
  const [section, key] = field.split('.')
  if (key === undefined) return [section as keyof AppSettings]
  return section === 'account' || section === 'dialPlan' ? [section, key] : undefined
}

/** Defaults with every readable value of `loaded` laid over them. */
function overlay(defaults: AppSettings, loaded: unknown): Record<string, unknown> {
  const source = isRecord(loaded) ? loaded : {}
  const merged: Record<string, unknown> = { ...defaults, ...source }
  for (const section of ['account', 'dialPlan'] as const) {
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
  defaults: AppSettings
): { settings: AppSettings; resetFields: string[] } {
  const candidate = overlay(defaults, loaded)
  const first = checkAppSettings(candidate)
  if (first.ok) return { settings: first.settings, resetFields: [] }
  const resetFields = [...new Set(first.problems.map((problem) => problem.field))]
  for (const field of resetFields) {
    const path = pathOf(field)
    if (path?.length === 1) candidate[path[0]] = structuredClone(defaults[path[0]])
    else if (path?.length === 2)
      (candidate[path[0]] as Record<string, unknown>)[path[1]] = structuredClone(
        (defaults[path[0]] as unknown as Record<string, unknown>)[path[1]]
      )
  }
  const second = checkAppSettings(candidate)
  if (second.ok) return { settings: second.settings, resetFields }
  // What is left spans fields (e.g. half an account): reset those sections whole.
  for (const problem of second.problems) {
    const section = problem.field.split('.')[0] as keyof AppSettings
    if (section in defaults) candidate[section] = structuredClone(defaults[section])
  }
  const third = checkAppSettings(candidate)
  return third.ok
    ? { settings: third.settings, resetFields }
    : { settings: structuredClone(defaults), resetFields: ['settings'] }
}
