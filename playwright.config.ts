import { defineConfig } from '@playwright/test';

// Drives Debian's Chromium against the release build in dist/; no browser is
// downloaded. scripts/test builds dist/ before running these.
export default defineConfig({
  testDir: 'tests/e2e',
  // Benchmarks measure and print; they run only from scripts/bench.
  testMatch: process.env.BENCH ? '**/*.bench.ts' : '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173/',
    locale: 'en-US',
    viewport: { width: 1366, height: 900 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'node tests/e2e/serve.mjs dist 4173',
      url: 'http://127.0.0.1:4173/',
      reuseExistingServer: !process.env.CI,
    },
    {
      // Only under the sub-path: the hosting tests fail on any absolute URL.
      command: 'node tests/e2e/serve.mjs dist 4174 /some/sub/path/',
      url: 'http://127.0.0.1:4174/some/sub/path/',
      reuseExistingServer: !process.env.CI,
    },
  ],
});
