import { defineConfig } from '@playwright/test'

/**
 * The optional suite: the built app in a real Electron (Playwright's Electron driver) against SIPp
 * on loopback. It needs an Electron binary and a display, skips with the reason when either is
 * missing, and is not part of `npm test`. Run it with `npm run test:electron` (which builds first).
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '*.spec.ts',
  globalSetup: './test/electron/support/global-setup.ts',
  outputDir: 'test-results/electron',
  // One DeskDial at a time: the tests share one app, and the global hotkey and tray are per desktop.
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']]
})
