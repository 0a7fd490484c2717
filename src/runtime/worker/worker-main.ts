/// <reference lib="webworker" />
// The module worker that runs one learner program and is then terminated by the page.
import { OutputBatcher } from '../output-batcher.ts';
import { PendingWork, type TimerScope } from '../pending-work.ts';
import { mapLocation, mapStack } from '../stack.ts';
import { inspect } from '../inspect.ts';
import { createConsole } from './console.ts';
import { builtinName, link, type Builtins, type Linked } from './modules.ts';
import type { StartMessage, WorkerMessage } from './protocol.ts';
import type { OutputLine } from '../types.ts';

// Bundled into this worker by Vite (so the kit's own `.ts` imports are resolved at build time).
// A glob rather than an import: the build keeps working while a module does not exist yet.
const found = import.meta.glob<Record<string, unknown>>(
  ['/src/kit/index.ts', '/src/runtime/harness/index.ts', '/src/lib/*.ts', '!**/*.test.ts'],
  { eager: true },
);
const builtins: Builtins = Object.fromEntries(
  Object.entries(found).map(([path, ns]) => [builtinName(path), ns]),
);

const scope = self as unknown as DedicatedWorkerGlobalScope & TimerScope;
const post = (message: WorkerMessage) => scope.postMessage(message);
const nativeSetTimeout = scope.setTimeout.bind(scope);

const NODE_ONLY = /\b(process|require|Buffer|setImmediate|__dirname|__filename)\b is not defined/;

scope.onmessage = (event: MessageEvent<StartMessage>) => {
  scope.onmessage = null;
  run(event.data);
};

function run({ modules: files, entry }: StartMessage): void {
  let linked: Linked | undefined;
  let settled = false;
  let finished = false;
  const batcher = new OutputBatcher(
    (lines: OutputLine[], dropped: number) => post({ type: 'output', lines, dropped }),
    { now: () => performance.now(), schedule: (fn, ms) => nativeSetTimeout(fn, ms) },
  );
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    batcher.flush();
    post({ type: 'done', code });
  };
  const work = new PendingWork(
    () => {
      if (!settled || work.count > 0 || finished) return;
      // Browsers report unhandled rejections from a task of their own, which may come after this
      // check: confirm the program is still idle a moment later before calling it finished.
      nativeSetTimeout(() => {
        if (work.count === 0) finish(0);
      }, 10);
    },
    (fn) => nativeSetTimeout(fn, 0),
  );
  const stackOf = (stack: string) => (linked ? mapStack(stack, linked.modules) : { text: stack });
  const rename = (text: string) => {
    for (const [url, name] of linked?.names ?? []) text = text.split(url).join(name);
    return text;
  };
  const write = (stream: 'stdout' | 'stderr', text: string) => {
    if (finished) return;
    for (const line of text.split('\n')) batcher.push({ stream, text: line });
  };
  const report = (kind: 'uncaught' | 'rejection', value: unknown, at?: ErrorEvent) => {
    const lead = kind === 'uncaught' ? 'Uncaught' : 'Unhandled promise rejection:';
    let message: string;
    let position =
      at && linked ? mapLocation(at.filename, at.lineno, at.colno, linked.modules) : undefined;
    if (value instanceof Error && value.stack) {
      const mapped = stackOf(value.stack);
      message = `${lead} ${rename(mapped.text)}`;
      position = mapped.position ?? position;
      if (value instanceof SyntaxError) position ??= guessPosition(value.message, files, entry);
    } else {
      message = `${lead} ${rename(value instanceof Error ? String(value) : inspect(value))}`;
    }
    const hint = NODE_ONLY.exec(message);
    if (hint) {
      message += `\n${hint[1]} exists only in Node.js; this snippet runs in your browser, where it is not available.`;
    }
    const syntax =
      value instanceof SyntaxError &&
      !(value instanceof Error && /\n\s+at /.test(value.stack ?? ''));
    post({
      type: 'error',
      kind: syntax ? 'syntax' : kind,
      message,
      ...(position ? { position } : {}),
    });
    finish(1);
  };

  globalThis.console = createConsole(write, { mapStack: (s) => rename(stackOf(s).text) }, () =>
    performance.now(),
  );
  work.install(scope);
  scope.addEventListener('error', (e) => {
    e.preventDefault();
    report('uncaught', e.error ?? e.message, e);
  });
  scope.addEventListener('unhandledrejection', (e) => {
    e.preventDefault();
    report('rejection', e.reason);
  });
  try {
    linked = link(files, entry, builtins);
  } catch (error) {
    report('uncaught', error);
    return;
  }
  import(/* @vite-ignore */ linked.entryUrl).then(
    () => {
      settled = true;
      work.poke();
    },
    (error: unknown) => report('uncaught', error),
  );
}

/** Link errors ("does not provide an export named 'x'") carry no position: find the import. */
function guessPosition(message: string, files: StartMessage['modules'], entry: string) {
  const name = /named '([^']+)'/.exec(message)?.[1];
  const file = files.find((f) => f.file === entry);
  if (!name || !file) return undefined;
  const lines = file.code.split('\n');
  const index = lines.findIndex((l) => /\bimport\b/.test(l) && new RegExp(`\\b${name}\\b`).test(l));
  if (index < 0) return undefined;
  return {
    file: entry,
    line: index + 1,
    column: lines[index]!.search(new RegExp(`\\b${name}\\b`)) + 1,
  };
}
