// A module hook for running lesson programs on Node (`node --import ./scripts/green-hooks.ts
// program.ts`): a TypeScript file that imports `#lib/greenlet` or `#lib/gevent` has its types
// stripped by Node's own stripper (which keeps every position) and then goes through the green
// transform (src/runtime/green-transform.ts), exactly as the browser worker does after sucrase.
// Every other file loads as it would without the hook.
import module from 'node:module';
import { isMainThread } from 'node:worker_threads';

type Transform = typeof import('../src/runtime/green-transform.ts');
let green: Transform | undefined;
const require = module.createRequire(import.meta.url);

/** `stripTypeScriptTypes` warns once that it is experimental: keep that out of program output. */
function strip(source: string): string {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('stripTypeScriptTypes')) return;
    (emit as (...a: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return module.stripTypeScriptTypes(source, { mode: 'strip' });
  } finally {
    process.emitWarning = emit;
  }
}

function transform(url: string, source: string): string {
  green ??= require('../src/runtime/green-transform.ts') as Transform;
  try {
    return green.transformGreen(source, url).code;
  } catch (error) {
    if (error instanceof SyntaxError) error.message = `${url}: ${error.message}`;
    throw error;
  }
}

const MAYBE = /#lib\/(?:greenlet|gevent)/;

function loadSync(
  url: string,
  context: module.LoadHookContext,
  nextLoad: (url: string, context?: module.LoadHookContext) => module.LoadFnOutput,
): module.LoadFnOutput {
  const result = nextLoad(url, context);
  // Learner programs only: the course's own libraries and scripts are never transformed.
  if (
    !url.startsWith('file:') ||
    !/\.[cm]?ts$/.test(url) ||
    /\/(node_modules|src\/lib|src\/runtime|scripts)\//.test(url)
  )
    return result;
  if (result.format !== 'module-typescript' && result.format !== 'typescript') return result;
  const ts =
    typeof result.source === 'string'
      ? result.source
      : Buffer.from(result.source as Uint8Array).toString('utf8');
  if (!MAYBE.test(ts)) return result;
  const js = strip(ts);
  green ??= require('../src/runtime/green-transform.ts') as Transform;
  if (!green.needsGreenTransform(js)) return result;
  return { format: 'module', source: transform(url, js), shortCircuit: true };
}

if (isMainThread && typeof module.registerHooks === 'function') {
  module.registerHooks({ load: loadSync });
}
