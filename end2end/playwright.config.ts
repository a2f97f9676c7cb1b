import { defineConfig } from '@playwright/test';

// Browser tests of Portail ALI. The server and the SMTP test server are started by
// scripts/test.sh, which passes their addresses in E2E_BASE_URL and E2E_MAILDIR.
const baseURL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  testDir: 'tests',
  globalSetup: './global-setup.ts',
  // The journeys share the demo data (one allocataire may hold one booked appointment):
  // one worker, no retries, so a failure is a failure.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    // A small phone: the portal's users mostly have one.
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: never download a browser.
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      // With JavaScript: the FormCheck islands hydrate and validate in the browser first.
      name: 'js',
      use: { javaScriptEnabled: true },
      testIgnore: /pseudo\.spec\.ts/,
    },
    {
      // Without JavaScript: every form is a plain HTML post answered by a redirect.
      // The staff and manager journeys run only with JavaScript.
      name: 'nojs',
      use: { javaScriptEnabled: false },
      testIgnore: /(staff|manager|pseudo)\.spec\.ts/,
    },
    {
      // The pseudo-locale (fr-XA): every word from the catalogue, nothing overflows.
      name: 'pseudo',
      use: { javaScriptEnabled: true, locale: 'fr-XA' },
      testMatch: /pseudo\.spec\.ts/,
    },
  ],
});
