import { isRecord } from '../../shared/is-record'
import type { AppSettings } from '../../shared/app-settings'
import { checkAppSettings } from '../../shared/app-settings'

/** The settings' sections: objects whose fields are repaired one by one. */
const SECTIONS = ['account', 'dialPlan', 'directory'] as const
type Section = (typeof SECTIONS)[number]

type Path = readonly [keyof AppSettings] | readonly [Section, string]

function pathOf(field: string): Path | undefined {
  const [section, key] = field.split('.')
  if (key === undefined) return [section as keyof AppSettings]
  return (SECTIONS as readonly string[]).includes(section) ? [section as Section, key] : undefined
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
