/**
 * The layer rules in eslint.config.mjs bite: a file that imports upwards, imports Electron outside
 * the adapters, or closes an import cycle makes lint fail. The probes are written into src/ (where
 * the rules apply) for the length of the test and removed again.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { ESLint } from 'eslint'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: root })

async function rulesBroken(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('the layers', () => {
  it.each([
    [
      'src/main/sip/probe.ts',
      "import { DeskDialService } from '../service/deskdial-service'\nexport const probe = DeskDialService\n"
    ],
    ['src/main/sip/probe.ts', "import { planDial } from '../dial/dial-plan'\nexport const probe = planDial\n"],
    [
      'src/main/service/probe.ts',
      "import { DeskAppBackend } from '../backend/desk-app-backend'\nexport const probe = DeskAppBackend\n"
    ],
    [
      'src/main/settings/probe.ts',
      "import { SipEndpoint } from '../sip/sip-endpoint'\nexport const probe = SipEndpoint\n"
    ],
    [
      'src/main/backend/probe.ts',
      "import { SipEndpoint } from '../sip/sip-endpoint'\nexport const probe = SipEndpoint\n"
    ],
    ['src/shared/probe.ts', "import { planDial } from '../main/dial/dial-plan'\nexport const probe = planDial\n"],
    [
      'src/cli/probe.ts',
      "import { DeskAppBackend } from '../main/backend/desk-app-backend'\nexport const probe = DeskAppBackend\n"
    ],
    [
      'src/renderer/src/probe.ts',
      "import { planDial } from '../../main/dial/dial-plan'\nexport const probe = planDial\n"
    ],
    [
      'src/main/policy/probe.ts',
      "import { DeskDialService } from '../service/deskdial-service'\nexport const probe = DeskDialService\n"
    ],
    ['src/main/settings/probe.ts', "import { lockedPaths } from '../policy'\nexport const probe = lockedPaths\n"],
    ['src/main/service/probe.ts', "import { lockedPaths } from '../policy'\nexport const probe = lockedPaths\n"],
    [
      'src/main/directory/probe.ts',
      "import { findDirectoryUser } from '../whoami'\nexport const probe = findDirectoryUser\n"
    ],
    [
      'src/main/whoami/probe.ts',
      "import { DeskAppBackend } from '../backend/desk-app-backend'\nexport const probe = DeskAppBackend\n"
    ]
  ])('%s may not import upwards or sideways out of its layer', async (file, code) => {
    expect(await rulesBroken(file, code)).toContain('import-x/no-restricted-paths')
  })

  it('allows what the layer order allows', async () => {
    expect(
      await rulesBroken(
        'src/main/service/probe.ts',
        "import { Registration } from '../sip/registration'\nexport const probe = Registration\n"
      )
    ).toEqual([])
    expect(
      await rulesBroken(
        'src/main/backend/probe.ts',
        "import { planDial } from '../dial/dial-plan'\nexport const probe = planDial\n"
      )
    ).toEqual([])
    expect(
      await rulesBroken(
        'src/main/policy/probe.ts',
        "import { readCaFile } from '../trust/ca-file'\nimport { serializeJson } from '../settings/atomic-json-file'\nexport const probe = [readCaFile, serializeJson]\n"
      )
    ).toEqual([])
    expect(
      await rulesBroken(
        'src/cli/probe.ts',
        "import { lockedPaths } from '../main/policy'\nexport const probe = lockedPaths\n"
      )
    ).toEqual([])
  })

  it.each(['src/main/backend/probe.ts', 'src/main/sip/probe.ts', 'src/shared/probe.ts', 'src/renderer/src/probe.ts'])(
    '%s may not import electron',
    async (file) => {
      expect(await rulesBroken(file, "import { app } from 'electron'\nexport const probe = app\n")).toContain(
        'no-restricted-imports'
      )
    }
  )
})

describe('file length', () => {
  it.each(['src/main/backend/probe.ts', 'src/cli/probe.ts'])('%s may not grow over 350 lines', async (file) => {
    const line = (n: number): string => `export const line${n} = ${n}\n`
    const code = (lines: number): string => Array.from({ length: lines }, (_, n) => line(n)).join('')
    expect(await rulesBroken(file, code(350))).toEqual([])
    expect(await rulesBroken(file, code(351))).toContain('max-lines')
  })
})

describe('import cycles', () => {
  let folder: string
  beforeAll(() => {
    folder = mkdtempSync(join(root, 'src/main/dial/cycle-probe-'))
    writeFileSync(join(folder, 'a.ts'), "import { b } from './b'\nexport const a = (): number => b() + 1\n")
    writeFileSync(join(folder, 'b.ts'), "import { a } from './a'\nexport const b = (): number => a() - 1\n")
  })
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('fail lint', async () => {
    const results = await eslint.lintFiles([relative(root, join(folder, 'a.ts'))])
    expect(results.flatMap((result) => result.messages.map((message) => message.ruleId))).toContain('import-x/no-cycle')
  })
})
