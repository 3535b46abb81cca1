/**
 * Settings → Browser: the window sets up the connection to the browser extension (the native
 * messaging host) for Chromium in a profile folder of the test's, shows its state change, and
 * removes it again, through the real backend.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { CHROMIUM_EXTENSION_ID } from '../../src/shared/browser-extension-identity'
import { expect, screenshotBothThemes, test } from './support/e2e-fixtures'

test('Settings → Browser installs the connection for Chromium, shows it, and removes it', async ({
  page,
  open,
  dataDirectory,
  phoneSystem
}) => {
  const home = path.join(dataDirectory, 'home')
  const hosts = path.join(home, 'chromium-profile', 'NativeMessagingHosts')
  mkdirSync(path.dirname(hosts), { recursive: true })
  const cli = path.resolve('out/cli/deskdial.cjs')
  await open({
    account: { servers: [phoneSystem.address] },
    browserHost: {
      platform: 'linux',
      home,
      env: {},
      dataDirectory,
      browserDirectory: hosts,
      launcher: () => ({ node: process.execPath, cli })
    }
  })
  await page.keyboard.press('Control+4')
  const section = page.getByRole('group', { name: 'Browser' })
  await section.scrollIntoViewIfNeeded()
  await expect(section.getByText('Chromium: not installed')).toBeVisible()
  await expect(section.getByRole('listitem')).toHaveCount(1)

  await section.getByRole('button', { name: 'Install for Chromium' }).click()
  await expect(section.getByText('Chromium: installed')).toBeVisible()
  await section.scrollIntoViewIfNeeded()
  await screenshotBothThemes(page, 'settings-browser')
  const manifestFile = path.join(hosts, 'org.deskdial.dialer.json')
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { path: string; allowed_origins: string[] }
  expect(manifest.allowed_origins).toEqual([`chrome-extension://${CHROMIUM_EXTENSION_ID}/`])
  expect(readFileSync(manifest.path, 'utf8')).toContain(cli)
  await expect(section.getByRole('button', { name: 'Remove from Chromium' })).toHaveAccessibleDescription(
    'Chromium: installed'
  )

  await section.getByRole('button', { name: 'Remove from Chromium' }).click()
  await expect(section.getByText('Chromium: not installed')).toBeVisible()
  expect(existsSync(manifestFile)).toBe(false)
  await expect(section.getByRole('button', { name: 'Install for Chromium' })).toBeVisible()
})
