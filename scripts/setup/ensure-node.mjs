// Runs after `npm install` / `npm ci` (the `postinstall` script). When the Node running npm is
// older than Astro 7 needs, fetch Node 24 from the npm registry into .cache/node and link it as
// node_modules/.bin/node: npm puts node_modules/.bin first on PATH for every script, so
// `npm start` and `npm test` then run on Node 24 while npm itself stays on the machine's Node.
// Machines with Node >= 22.12 download nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { NODE_PACKAGE, cacheDir, nodeIsRecent, privateNode, root } from './tools.mjs';

const link = join(root, 'node_modules', '.bin', 'node');

if (nodeIsRecent(process.versions.node)) {
  // A link left from an older Node would shadow this one; the machine's Node is fine.
  if (lstatSafe(link)?.isSymbolicLink()) rmSync(link);
  process.exit(0);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.warn(
    `setup: Node ${process.versions.node} is too old for Astro 7 and no Node 24 package is ` +
      `fetched automatically on ${process.platform}-${process.arch}. Install Node 24 (see .nvmrc).`,
  );
  process.exit(0);
}
if (!existsSync(privateNode)) {
  console.log(`setup: Node ${process.versions.node} is too old for Astro 7 (needs 22.12+);`);
  console.log(
    `setup: fetching ${NODE_PACKAGE} (about 50 MB) from the npm registry into .cache/node`,
  );
  mkdirSync(join(cacheDir, 'node'), { recursive: true });
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      join(cacheDir, 'node'),
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      NODE_PACKAGE,
    ],
    { stdio: 'inherit' },
  );
}
if (lstatSafe(link)) rmSync(link);
mkdirSync(join(root, 'node_modules', '.bin'), { recursive: true });
symlinkSync(relative(join(root, 'node_modules', '.bin'), privateNode), link);
const version = execFileSync(link, ['--version'], { encoding: 'utf8' }).trim();
console.log(`setup: npm scripts will run on Node ${version} (node_modules/.bin/node)`);

function lstatSafe(path) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
