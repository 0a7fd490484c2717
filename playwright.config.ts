import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/setup/tools.mjs';

const port = Number(process.env.PORT ?? 4321);
// The fixture course (tests/fixtures/site, built into dist-fixtures by `npm run build:fixtures`)
// is served next to the course: the UI tests in tests/e2e/ui run against it, so that editing a
// chapter never breaks a test of the exercise panel or the workbench.
const fixturePort = Number(process.env.FIXTURE_PORT ?? port + 100);
const fixtureDist = process.env.FIXTURE_DIST_DIR ?? 'dist-fixtures';

/**
 * End-to-end tests run against the built site (`DIST_DIR`, default `dist/`) served with the
 * production headers by scripts/serve.ts, in Debian's Chromium: Playwright's own browser
 * download does not work here.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  projects: [
    { name: 'course', testIgnore: 'ui/**', use: { baseURL: `http://localhost:${port}` } },
    {
      name: 'fixtures',
      testMatch: 'ui/**/*.spec.ts',
      use: { baseURL: `http://localhost:${fixturePort}` },
    },
  ],
  use: {
    // The course's service worker (src/client/offline) would serve cached files past
    // `page.route`; tests/e2e/offline.spec.ts turns it back on for itself.
    serviceWorkers: 'block',
    launchOptions: {
      // CHROMIUM_PATH, /usr/bin/chromium, or the build `scripts/setup/ensure-chromium.mjs` fetched.
      executablePath: chromiumPath() ?? '/usr/bin/chromium',
      args: [
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: [
    {
      command: `node scripts/serve.ts --port ${port}`,
      url: `http://localhost:${port}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node scripts/serve.ts --port ${fixturePort} --dir ${fixtureDist}`,
      url: `http://localhost:${fixturePort}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
  ],
});
