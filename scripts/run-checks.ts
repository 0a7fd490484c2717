// Runs an exercise's checks against one module and prints the report as JSON on the last line.
// Usage: node scripts/run-checks.ts <exercise>/check.ts <exercise>/starter.ts|solution.ts
//          [--only=<check name> [--seed=<n>]]
// `--only` runs one check; with `--seed`, a seeded check (`checkSeeds`) runs under that seed
// alone, as the page's "Run this seed" does.
//
// The module under test runs in this process, so it could print a report-shaped line of its own
// or leave work running after the checks. Hence: the report's totals are counted here from the
// results; it is printed only once the program has ended cleanly (the event loop drained), or
// with a failed result saying it did not; and once it is printed, later writes to stdout and
// stderr are dropped, so an `exit` listener of the module cannot print after it. What remains
// possible: a module that deliberately writes to file descriptor 1 directly (fs.writeSync) from
// an `exit` listener, or patches the built-ins the harness uses. The modules checked here are the
// course's own starters and solutions, so this guards against mistakes, not against an attacker;
// in the browser, results travel on a keyed channel instead (src/runtime/report-channel.ts).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  runChecks,
  type CheckFilter,
  type CheckResult,
  type Checks,
} from '../src/runtime/harness/index.ts';

/** How long the program may keep running after the last check before it counts as hanging. */
const GRACE_MS = 3_000;

// Captured before the module under test is loaded.
const stdoutWrite = process.stdout.write.bind(process.stdout);
const exit = process.exit.bind(process);
const silence = () => {
  const none = (() => true) as typeof process.stdout.write;
  process.stdout.write = none;
  process.stderr.write = none;
};

// A promise the module under test leaves rejected would end this process (Node's default
// `--unhandled-rejections=throw`) before any report: record it as a failed result instead.
const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => {
  unhandled.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
});

const args = process.argv.slice(2);
const option = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const [checkFile, moduleFile] = args.filter((a) => !a.startsWith('--'));
const onlyName = option('only');
const seedText = option('seed');
const seed = seedText === undefined ? undefined : Number(seedText);
if (
  !checkFile ||
  !moduleFile ||
  (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0 || onlyName === undefined))
) {
  console.error(
    'usage: node scripts/run-checks.ts <check.ts> <module.ts> [--only=<check name> [--seed=<n>]]',
  );
  exit(2);
}
const only: CheckFilter | undefined =
  onlyName === undefined ? undefined : { name: onlyName, ...(seed !== undefined ? { seed } : {}) };
const checks = (await import(pathToFileURL(resolve(checkFile!)).href)) as {
  default: Checks<unknown>;
};
let mod: unknown;
try {
  mod = await import(pathToFileURL(resolve(moduleFile!)).href);
} catch (error) {
  mod = {};
  console.error(`loading ${moduleFile} failed: ${String(error)}`);
}
const report = await runChecks(checks.default, mod, only ? { only } : {});

let printed = false;
function print(extra?: CheckResult): void {
  if (printed) return;
  printed = true;
  const results = extra ? [...report.results, extra] : [...report.results];
  if (unhandled.length > 0)
    results.push({
      name: 'no promise is left rejected without a handler',
      passed: false,
      message: `${unhandled.length} unhandled rejection${unhandled.length > 1 ? 's' : ''}, the first: ${unhandled[0]}`,
      ms: 0,
    });
  const passed = results.filter((r) => r.passed === true).length;
  stdoutWrite(`${JSON.stringify({ results, passed, failed: results.length - passed })}\n`);
  silence();
  exit(0);
}
// `beforeExit` fires only once nothing is left to run: the clean end the report requires.
process.once('beforeExit', () => print());
setTimeout(
  () =>
    print({
      name: 'the program ends once the checks are done',
      passed: false,
      message: `still running ${GRACE_MS / 1000} s after the last check: a timer, interval or open handle was left going`,
      ms: GRACE_MS,
    }),
  GRACE_MS,
).unref();
