import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/setup/tools.mjs';

const port = Number(process.env.PORT ?? 4321);

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
  use: {
    baseURL: `http://localhost:${port}`,
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
  webServer: {
    command: `node scripts/serve.ts --port ${port}`,
    url: `http://localhost:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
