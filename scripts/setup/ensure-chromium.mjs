// Runs before the browser tests and the benchmark. Uses CHROMIUM_PATH or Debian's
// /usr/bin/chromium when present; otherwise fetches a Chromium build shipped inside an npm
// package (@sparticuz/chromium, about 67 MB) into .cache/chromium, unpacks it (to /tmp, ~3 s on
// first use) and records its path for playwright.config.ts and the benchmark.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_PACKAGE, cacheDir, chromiumPath, chromiumRecord } from './tools.mjs';

const found = chromiumPath();
if (found) {
  console.log(`setup: browser tests use ${found}`);
  process.exit(0);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    'setup: no Chromium found. Install Chromium or set CHROMIUM_PATH to a Chromium executable.',
  );
  process.exit(1);
}
const prefix = join(cacheDir, 'chromium');
const entry = join(prefix, 'node_modules', '@sparticuz', 'chromium', 'build', 'index.js');
mkdirSync(prefix, { recursive: true });
try {
  await import(pathToFileURL(entry).href);
} catch {
  console.log(
    `setup: no Chromium on this machine; fetching ${CHROMIUM_PACKAGE} into .cache/chromium`,
  );
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      CHROMIUM_PACKAGE,
    ],
    { stdio: 'inherit' },
  );
}
const { default: chromium } = await import(pathToFileURL(entry).href);
const executable = await chromium.executablePath();
writeFileSync(chromiumRecord, `${executable}\n`);
console.log(`setup: browser tests use ${executable} (from ${CHROMIUM_PACKAGE})`);
