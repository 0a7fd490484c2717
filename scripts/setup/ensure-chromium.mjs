// Runs before the browser tests and the benchmark. Uses CHROMIUM_PATH when set; otherwise the
// headless Chromium build shipped inside an npm package (@sparticuz/chromium, about 67 MB),
// fetched once into .cache/chromium, unpacked (to /tmp, ~3 s on first use) and recorded for
// playwright.config.ts and the benchmark (why it is preferred to a system Chromium:
// `chromiumPath` in tools.mjs). Debian's /usr/bin/chromium is the fallback when the package
// cannot be fetched or does not run on this platform.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CHROMIUM_PACKAGE,
  cacheDir,
  chromiumPath,
  chromiumRecord,
  fetchedChromium,
} from './tools.mjs';

/** Falls back to the system's Chromium, or fails with what to do. */
function useSystemOrFail(why) {
  const system = process.env.CHROMIUM_PATH ? undefined : chromiumPath();
  if (system) {
    console.log(`setup: ${why}; browser tests use ${system}`);
    process.exit(0);
  }
  console.error(
    `setup: ${why}, and no Chromium was found. Install Chromium or set CHROMIUM_PATH to a Chromium executable.`,
  );
  process.exit(1);
}

const ready = process.env.CHROMIUM_PATH ?? fetchedChromium();
if (ready) {
  console.log(`setup: browser tests use ${ready}`);
  process.exit(0);
}
if (process.platform !== 'linux' || process.arch !== 'x64')
  useSystemOrFail(`${CHROMIUM_PACKAGE} runs on linux-x64 only`);
const prefix = join(cacheDir, 'chromium');
const entry = join(prefix, 'node_modules', '@sparticuz', 'chromium', 'build', 'index.js');
mkdirSync(prefix, { recursive: true });
if (!existsSync(entry)) {
  console.log(`setup: fetching ${CHROMIUM_PACKAGE} into .cache/chromium (once)`);
  try {
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
  } catch {
    useSystemOrFail(`fetching ${CHROMIUM_PACKAGE} failed`);
  }
}
let executable;
try {
  const { default: chromium } = await import(pathToFileURL(entry).href);
  executable = await chromium.executablePath();
} catch (e) {
  useSystemOrFail(`unpacking ${CHROMIUM_PACKAGE} failed (${e instanceof Error ? e.message : e})`);
}
writeFileSync(chromiumRecord, `${executable}\n`);
console.log(`setup: browser tests use ${executable} (from ${CHROMIUM_PACKAGE})`);
