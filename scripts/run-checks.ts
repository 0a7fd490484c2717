// Runs an exercise's checks against one module and prints the report as JSON on the last line.
// Usage: node scripts/run-checks.ts <exercise>/check.ts <exercise>/starter.ts|solution.ts
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runChecks, type Checks } from '../src/runtime/harness/index.ts';

const [checkFile, moduleFile] = process.argv.slice(2);
if (!checkFile || !moduleFile) {
  console.error('usage: node scripts/run-checks.ts <check.ts> <module.ts>');
  process.exit(2);
}
const checks = (await import(pathToFileURL(resolve(checkFile)).href)) as {
  default: Checks<unknown>;
};
let mod: unknown;
try {
  mod = await import(pathToFileURL(resolve(moduleFile)).href);
} catch (error) {
  mod = {};
  console.error(`loading ${moduleFile} failed: ${String(error)}`);
}
const report = await runChecks(checks.default, mod);
console.log(JSON.stringify(report));
process.exit(0);
