import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/e2e/support/chromium'

/**
 * The end-to-end suite: the built renderer in Debian's Chromium, with the real backend and SIP
 * service behind a stand-in for the preload, talking to SIPp on loopback.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './test/e2e/support/global-setup.ts',
  outputDir: 'test-results/e2e',
  // Each test runs its own backend and SIPp; one worker keeps the two CPUs and the loopback ports calm.
  workers: 1,
  timeout: 45_000,
  globalTimeout: 300_000,
  expect: { timeout: 8_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1100, height: 720 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure'
  }
})
