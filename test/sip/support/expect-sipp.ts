import { expect } from 'vitest'
import { describeSippResult, type SippResult } from './sipp'

/** SIPp exits 0 only when every call of the scenario went as written; otherwise show why. */
export function expectScenarioPassed(scenario: string, result: SippResult): void {
  expect(result.code, describeSippResult(scenario, result)).toBe(0)
}
