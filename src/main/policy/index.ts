/**
 * The administrator's policy: defaults and locked settings from a file on the machine and from a
 * provisioning URL, and how they layer with the user's own settings. Plain Node, no Electron.
 */
export { describePolicyProblem, type PolicyProblem } from './policy-document'
export { loginName, policyFilePath } from './policy-file'
export {
  combinePolicies,
  contradictions,
  effectiveSettings,
  lockedPaths,
  type Contradiction,
  type LockedSetting,
  type Policy,
  type PolicyLayer
} from './policy-layers'
export { loadPolicy, NO_POLICY_STATE, type PolicySetup, type PolicyState } from './policy-loading'
export { PolicyKeeper, type PolicyListener } from './policy-keeper'
export { PROVISIONED_POLICY_FILE } from './provisioned-copy'
export { settingsPartSchema, type SettingsPart } from './settings-part'
