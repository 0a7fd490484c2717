/// <reference lib="webworker" />
// The module worker that runs one learner program and is then terminated by the page.
import { OutputBatcher } from '../output-batcher.ts';
import { PendingWork, type TimerScope } from '../pending-work.ts';
import { mapLocation, mapStack } from '../stack.ts';
import { inspect } from '../inspect.ts';
import { CHECK_CHANNEL } from '../report-channel.ts';
import { createConsole } from './console.ts';
import { builtinName, link, type Builtins, type Linked } from './modules.ts';
import { kernelsCreated, kernelsNotKept, recordKernels } from '../../kit/registry.ts';
import { watchTraces } from '../../kit/trace.ts';
import {
  TRACE_WATCH,
  clipMessage,
  deadlockWaits,
  resendAfterMs,
  traceMessage,
  type DeadlockWaits,
  type StartMessage,
  type WorkerMessage,
} from './protocol.ts';
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
const nativeSetTimeout = scope.setTimeout.bind(scope);

// The runtime's channel to the page. Learner code runs in this same realm and can call
// `self.postMessage` too, so the page never listens to the worker's global channel after the
// start: the runtime talks only on the MessagePort the page transfers with `start`, which lives
// in this module's closure and is never exposed. What the runtime uses to post is captured now,
// before any learner code runs, so replacing `MessagePort.prototype.postMessage`,
// `Reflect.apply` or `JSON.stringify` later cannot intercept the port or what it carries.
// What remains possible: learner code can still patch other built-ins the runtime and the
// harness use (Array.prototype.push, Object.is, Promise...) and so change what a message says,
// though not where it goes; the page therefore validates every message's shape and size
// (protocol.ts), and a deliberately sabotaged realm can at worst mislead its own learner.
const portPost = MessagePort.prototype.postMessage;
const apply = Reflect.apply;
const stringify = JSON.stringify;
const defineProperty = Object.defineProperty;
let port: MessagePort | undefined;
const post = (message: WorkerMessage) => {
  if (port) apply(portPost, port, [message]);
};

const NODE_ONLY = /\b(process|require|Buffer|setImmediate|__dirname|__filename)\b is not defined/;

scope.onmessage = (event: MessageEvent<StartMessage>) => {
  scope.onmessage = null;
  port = event.ports[0];
  post({ type: 'started' });
  run(event.data);
};

function run({ modules: files, entry, reportKey, traceAtMs }: StartMessage): void {
  let linked: Linked | undefined;
  let settled = false;
  let finished = false;
  const batcher = new OutputBatcher(
    (lines: OutputLine[], dropped: number) => post({ type: 'output', lines, dropped }),
    { now: () => performance.now(), schedule: (fn, ms) => nativeSetTimeout(fn, ms) },
  );
  // The kit keeps every kernel the program creates (src/kit/registry.ts); their traces go to
  // the page before `done` (and near the time limit), for the workbench's timeline.
  recordKernels(true);
  let deadlock: DeadlockWaits | undefined;
  const postTraces = (complete: boolean) => {
    const message = traceMessage(kernelsCreated(), kernelsNotKept(), complete, deadlock);
    if (message) post(message);
  };
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    batcher.flush();
    try {
      postTraces(true);
    } catch {
      // A trace the program broke (patched built-ins) is not worth losing the exit status over.
    }
    post({ type: 'done', code });
  };
  if (traceAtMs !== undefined) {
    // A program that keeps returning to the event loop: a timer sends the traces.
    nativeSetTimeout(() => {
      if (finished) return;
      try {
        postTraces(false);
      } catch {
        // as above
      }
    }, traceAtMs);
    // A program stuck in a synchronous loop of kernel calls never lets that timer fire: the kit
    // calls this every few hundred events instead, and past the same moment it sends the traces
    // again and again (more rarely when sending is slow) until the page ends the worker.
    const started = performance.now();
    let sentAt = -Infinity;
    let cost = 0;
    watchTraces({
      every: TRACE_WATCH.everyEvents,
      onEvents: () => {
        const now = performance.now();
        if (finished || now - started < traceAtMs || now - sentAt < resendAfterMs(cost)) return;
        try {
          postTraces(false);
        } catch {
          // as above
        }
        sentAt = performance.now();
        cost = sentAt - now;
      },
    });
  }
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
  // Output is cut here, before it crosses to the page (src/runtime/output-limits.ts).
  const write = (stream: 'stdout' | 'stderr', text: string) => {
    if (finished) return;
    batcher.write(stream, text);
  };
  const report = (kind: 'uncaught' | 'rejection', value: unknown, at?: ErrorEvent) => {
    const lead = kind === 'uncaught' ? 'Uncaught' : 'Unhandled promise rejection:';
    try {
      deadlock = deadlockWaits(value); // its report becomes the timeline's last picture
    } catch {
      // a thrown value whose properties throw is reported without it
    }
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
    batcher.flush(); // what the program printed before it failed comes before the error
    post({
      type: 'error',
      kind: syntax ? 'syntax' : kind,
      message: clipMessage(message),
      ...(position ? { position } : {}),
    });
    finish(1);
  };

  if (reportKey !== undefined) {
    // A Check run: offer the check runner its report function, once. The generated entry takes
    // and deletes it before any other module of the run is evaluated (report-channel.ts); the
    // key stays in this closure, so the learner's module can neither read it nor post with it.
    defineProperty(globalThis, Symbol.for(CHECK_CHANNEL), {
      configurable: true,
      value: (message: unknown) => {
        if (finished) return;
        batcher.flush(); // what the program printed before this result comes first
        post({ type: 'check', key: reportKey, text: String(stringify(message)) });
      },
    });
  }
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
