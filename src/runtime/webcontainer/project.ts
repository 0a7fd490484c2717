import { transpile, transpileProgram, type TranspiledFile } from '../transpile.ts';
import type { FileTree } from './contract.ts';
import { STDERR_BEGIN, STDERR_END } from './output.ts';

// The course's own modules as TypeScript source, turned into JavaScript files at mount time:
// nothing is installed with npm inside the container. Tests and the kit's V8 probe (run by a
// test under `node --expose-gc`) stay out.
const sources = import.meta.glob<string>(
  [
    '/src/kit/**/*.ts',
    '/src/runtime/harness/**/*.ts',
    '/src/lib/*.ts',
    '!**/*.test.ts',
    '!**/*.probe.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);

/** `./x.ts` → `./x.js`: the container's Node runs plain JavaScript. */
function jsSpecifiers(code: string): string {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2');
}

function put(tree: FileTree, path: string, contents: string): void {
  const parts = path.split('/');
  let dir = tree;
  for (const part of parts.slice(0, -1)) {
    const next = (dir[part] ??= { directory: {} });
    if (!('directory' in next)) throw new Error(`${path}: ${part} is a file`);
    dir = next.directory;
  }
  dir[parts.at(-1)!] = { file: { contents } };
}

/**
 * The runner: marks stderr writes (the container merges the streams), prints uncaught errors the
 * way Node does but through the marked stream, and loads the program.
 */
const RUNNER = `import { inspect } from 'node:util';
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => write('${STDERR_BEGIN}' + chunk + '${STDERR_END}', ...rest);
const fail = (prefix) => (error) => {
  process.stderr.write(prefix + inspect(error) + '\\n');
  process.exit(1);
};
process.on('uncaughtException', (error, origin) =>
  fail(origin === 'unhandledRejection' ? 'Unhandled promise rejection: ' : 'Uncaught ')(error));
import(process.argv[2]).catch(fail('Uncaught '));
`;

/** The course modules, transpiled once and reused for every run. */
export function courseTree(): FileTree {
  const tree: FileTree = {};
  const imports: Record<string, string> = {};
  for (const [path, source] of Object.entries(sources)) {
    const rel = path.replace(/^\/src\/(runtime\/)?/, '').replace(/\.ts$/, '.js');
    put(tree, rel, jsSpecifiers(transpile(path, source).code));
  }
  if (tree['kit']) imports['#kit'] = './kit/index.js';
  if (tree['harness']) imports['#harness'] = './harness/index.js';
  if (tree['lib']) imports['#lib/*'] = './lib/*.js';
  put(tree, 'package.json', JSON.stringify({ type: 'module', private: true, imports }, null, 2));
  put(tree, 'runner.mjs', RUNNER);
  return tree;
}

/** The learner's files, transpiled; the caller writes them next to the course modules. */
export async function programFiles(
  files: Readonly<Record<string, string>>,
): Promise<TranspiledFile[]> {
  return (await transpileProgram(files)).map((out) => ({ ...out, code: jsSpecifiers(out.code) }));
}

/** Node's environment for runs: no colours, so output compares with the recordings. */
export const RUN_ENV = { NO_COLOR: '1', FORCE_COLOR: '0', NODE_NO_WARNINGS: '1' };
