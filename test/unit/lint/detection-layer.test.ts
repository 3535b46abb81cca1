/**
 * The browser extension's number detection runs inside web pages: lint lets it import only its own
 * files, libphonenumber-js and src/shared (no Electron, no main process, no other npm package).
 */
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: root })
const probe = join(root, 'src/browser-extension/detection/probe.ts')

async function rulesBroken(source: string): Promise<string[]> {
  const code = `import { x } from '${source}'\nexport const probe = x\n`
  const [result] = await eslint.lintText(code, { filePath: probe })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

describe('src/browser-extension/detection', () => {
  it.each(['electron', '../../main/dial/dial-plan', './../../main/dial/dial-plan', 'zod', '../popup/popup', 'node:fs'])(
    'may not import %s',
    async (source) => {
      expect(await rulesBroken(source)).toContain('no-restricted-imports')
    }
  )

  it.each(['libphonenumber-js/max', 'libphonenumber-js', './labels', '../../shared/digits-of'])(
    'may import %s',
    async (source) => {
      expect(await rulesBroken(source)).toEqual([])
    }
  )
})
