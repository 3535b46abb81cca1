/**
 * The Firefox build passes Mozilla's own checks (`web-ext lint`, the linter addons.mozilla.org
 * runs), and differs from the Chromium build where Firefox needs it.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'

const FIREFOX = path.resolve('out/browser-extension/firefox')
const CHROMIUM = path.resolve('out/browser-extension/chromium')

interface LintReport {
  errors: { code: string; message: string }[]
  warnings: { code: string }[]
}

test('web-ext lint finds no errors in the Firefox build', async () => {
  const run = promisify(execFile)
  const { stdout } = await run(
    process.execPath,
    [path.resolve('node_modules/web-ext/bin/web-ext.js'), 'lint', '--source-dir', FIREFOX, '--output', 'json'],
    { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
  const report = JSON.parse(stdout) as LintReport
  expect(report.errors).toEqual([])
  // Only the note that Firefox for Android would need a later version remains.
  expect(report.warnings.map((warning) => warning.code)).toEqual(['KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION'])
})

test('Firefox runs background scripts and knows the extension by its gecko ID; Chromium by its key', () => {
  const firefox = JSON.parse(readFileSync(path.join(FIREFOX, 'manifest.json'), 'utf8'))
  const chromium = JSON.parse(readFileSync(path.join(CHROMIUM, 'manifest.json'), 'utf8'))
  expect(firefox.background).toEqual({ scripts: ['background.js'] })
  expect(firefox.browser_specific_settings.gecko.id).toBe('browser@deskdial.org')
  expect(firefox).not.toHaveProperty('key')
  expect(chromium.background).toEqual({ service_worker: 'background.js' })
  expect(chromium).not.toHaveProperty('externally_connectable')
  expect(chromium.content_scripts[0]).toMatchObject({
    all_frames: true,
    match_about_blank: true,
    css: ['highlight.css']
  })
})
