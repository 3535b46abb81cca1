/**
 * How a policy and the user's own settings make the settings DeskDial runs with:
 *
 *   built-in defaults < policy defaults < the user's settings < command-line options < locked policy
 *
 * The user's layer holds only what the user has actually set (the keys the settings file holds),
 * so a policy default fills every key the user left alone. Nothing here writes the user's file.
 */
import { isDeepStrictEqual } from 'node:util'
import { mergeSettings, settingAt, settingsPaths, type SettingsPart } from './settings-part'

/** One policy: the machine's policy file or the provisioning URL's document. */
export interface PolicyLayer {
  /** The policy file's path or the provisioning URL, for sentences such as "set by your administrator in …". */
  source: string
  defaults: SettingsPart
  locked: SettingsPart
}

/** The policy in force. */
export interface Policy {
  defaults: SettingsPart
  locked: SettingsPart
  /** For each locked dotted key, the policy that locked it. */
  lockedBy: Readonly<Record<string, string>>
}

export const NO_POLICY: Policy = { defaults: {}, locked: {}, lockedBy: {} }

/**
 * The layers, weakest first, as one policy. DeskDial passes the provisioned document first and the
 * policy file second: the machine's own administrator has the last word on that machine, for
 * locked keys (as issue 17 asks) and for defaults alike. Locked keys of either beat defaults of both.
 */
export function combinePolicies(layers: readonly PolicyLayer[]): Policy {
  const lockedBy: Record<string, string> = {}
  for (const layer of layers) for (const key of settingsPaths(layer.locked)) lockedBy[key] = layer.source
  return {
    defaults: mergeSettings(...layers.map((layer) => layer.defaults)),
    locked: mergeSettings(...layers.map((layer) => layer.locked)),
    lockedBy
  }
}

/** A setting the policy locks, e.g. `{ key: "account.servers", source: "/etc/deskdial/policy.json" }`. */
export interface LockedSetting {
  key: string
  source: string
}

/** The settings the policy locks: the app shows them disabled, the CLI refuses options that change them. */
export function lockedPaths(policy: Policy): LockedSetting[] {
  return settingsPaths(policy.locked).map((key) => ({ key, source: policy.lockedBy[key] ?? '' }))
}

/** The settings to run with: each layer over the one before; objects merge key by key, lists replace. */
export function effectiveSettings(
  policyDefaults: SettingsPart,
  userSettings: SettingsPart,
  overrides: SettingsPart,
  locked: SettingsPart
): SettingsPart {
  return mergeSettings(policyDefaults, userSettings, overrides, locked)
}

/** A locked setting that `overrides` would change, with the value it is locked to. */
export interface Contradiction extends LockedSetting {
  locked: unknown
  wanted: unknown
}

/** The locked settings `overrides` sets to another value (the same value contradicts nothing). */
export function contradictions(policy: Policy, overrides: SettingsPart): Contradiction[] {
  return lockedPaths(policy).flatMap((setting) => {
    const wanted = settingAt(overrides, setting.key)
    const locked = settingAt(policy.locked, setting.key)
    return wanted === undefined || isDeepStrictEqual(wanted, locked) ? [] : [{ ...setting, locked, wanted }]
  })
}
