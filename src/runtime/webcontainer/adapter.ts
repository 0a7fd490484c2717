import { EXIT_CODE, RunLifecycle } from '../run-lifecycle.ts';
import { TranspileError } from '../transpile.ts';
import {
  DEFAULT_TIME_LIMIT_MS,
  type RunEvent,
  type RunHandle,
  type RunRequest,
  type Sandbox,
} from '../types.ts';
import {
  bootWithWatchdog,
  browserEnvironment,
  Unavailable,
  unsupportedReason,
  type BootOptions,
  type Environment,
} from './boot.ts';
import type { Container, ContainerApi } from './contract.ts';
import { OutputBatcher } from '../output-batcher.ts';
import { countNewlines } from '../output-limits.ts';
import { OutputSplitter, mapNodeStackLine, type SplitLine } from './output.ts';
import { RUN_ENV, courseTree, programFiles } from './project.ts';

/** How the sandbox reaches its container; injected so tests can use the real-Node stand-in. */
export interface WebContainerDeps {
  readonly loadApi: () => Promise<ContainerApi>;
  readonly environment: () => Environment;
  readonly boot?: BootOptions;
}

/**
 * Node.js snippets, run on Node.js inside the page (StackBlitz's WebContainer). The container
 * boots on the first run — never on page load — and is kept for the page's lifetime; each run
 * writes the learner's transpiled files next to the mounted course kit and spawns `node`.
 * When the container cannot run, the run ends with an `unavailable` event and the page shows
 * the output recorded on Node instead.
 */
export class WebContainerSandbox implements Sandbox {
  readonly kind = 'webcontainer' as const;
  readonly label = 'Ran on Node.js in WebContainer';
  readonly #deps: WebContainerDeps;
  #container: Promise<Container> | undefined;
  /** Boot failed: a second boot() on the same page hangs too, so remember why. */
  #broken: string | undefined;

  constructor(deps: WebContainerDeps) {
    this.#deps = deps;
  }

  /** Boots (once) and mounts the course modules; reports progress while it does. */
  #ready(onEvent: (e: RunEvent) => void): Promise<Container> {
    if (this.#broken) return Promise.reject(new Unavailable(this.#broken));
    const unsupported = unsupportedReason(this.#deps.environment());
    if (unsupported) return Promise.reject(new Unavailable(unsupported));
    if (!this.#container) {
      onEvent({
        type: 'progress',
        text: 'Starting Node.js in your browser (WebContainer); the first start takes 5–10 s…',
      });
      this.#container = (async () => {
        const api = await this.#deps.loadApi();
        const container = await bootWithWatchdog(api, this.#deps.boot);
        onEvent({ type: 'progress', text: 'Mounting the course kit…' });
        await container.mount(courseTree());
        return container;
      })();
      this.#container.catch((error: unknown) => {
        this.#broken =
          error instanceof Unavailable
            ? error.message
            : `in-browser Node.js failed to start: ${String(error)}`;
      });
    }
    return this.#container;
  }

  /** Tears the container down and boots a fresh one on the next run ("Reset runtime"). */
  async reset(): Promise<void> {
    const old = this.#container;
    this.#container = undefined;
    this.#broken = undefined;
    if (old) (await old.catch(() => undefined))?.teardown();
  }

  /** Starts one run; see {@link Sandbox.run}. */
  run(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle {
    let kill: (() => void) | undefined;
    let batcher: OutputBatcher | undefined;
    const life = new RunLifecycle({
      onEvent,
      flush: () => batcher?.flush(), // lines still waiting for their batch come before the exit
      interrupt: () => kill?.(),
    });
    const emit = (e: RunEvent) => life.emit(e);
    const limitMs = request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    void (async () => {
      let container: Container;
      try {
        container = await this.#ready(emit);
      } catch (error) {
        emit({
          type: 'unavailable',
          reason: error instanceof Unavailable ? error.message : (this.#broken ?? String(error)),
        });
        life.end(EXIT_CODE.failed, 'unavailable');
        return;
      }
      if (life.over) return;
      let files;
      try {
        files = await programFiles(request.files);
      } catch (error) {
        if (!(error instanceof TranspileError)) throw error;
        emit({
          type: 'error',
          kind: 'syntax',
          message: `SyntaxError: ${error.message}`,
          position: error.position,
        });
        life.end(EXIT_CODE.failed, 'error');
        return;
      }
      for (const f of files)
        await container.fs.writeFile(f.file.replace(/\.[cm]?ts$/, '.js'), f.code);
      const entry = `./${request.entry.replace(/\.[cm]?ts$/, '.js')}`;
      const proc = await container.spawn('node', ['runner.mjs', entry], { env: RUN_ENV });
      kill = () => proc.kill();
      if (life.over) return proc.kill();
      life.startTimeLimit(limitMs);
      const entryFile = files.find((f) => f.file === request.entry);
      // The same caps and batching as the worker (src/runtime/output-limits.ts), applied as the
      // terminal's chunks arrive: a line is split off and cut before anything is copied, and
      // once the run's budget is spent a chunk is only counted.
      const splitter = new OutputSplitter();
      batcher = new OutputBatcher((lines, dropped) => emit({ type: 'output', lines, dropped }), {
        now: () => performance.now(),
        schedule: (fn, ms) => setTimeout(fn, ms),
      });
      const forward = (lines: readonly SplitLine[]) => {
        for (const l of lines) {
          const text =
            l.stream === 'stderr' && entryFile
              ? mapNodeStackLine(l.text, entryFile.file, entryFile.mappings)
              : l.text;
          batcher?.push({ stream: l.stream, text }, l.cut ?? 0);
        }
      };
      const pump = proc.output.pipeTo(
        new WritableStream({
          write: (chunk) => {
            if (!batcher || batcher.full) batcher?.drop(countNewlines(chunk));
            else forward(splitter.push(chunk));
          },
        }),
      );
      const code = await proc.exit;
      await pump.catch(() => undefined);
      if (!batcher.full) forward(splitter.end());
      life.end(code, code === 0 ? 'finished' : 'error');
    })().catch((error: unknown) => life.fail(`In-browser Node.js failed: ${String(error)}`));
    return life.handle();
  }
}

let shared: WebContainerSandbox | undefined;

/**
 * The page's one WebContainer sandbox. A module-level singleton is enough: lesson pages are full
 * page loads, so it lives exactly as long as the page (one boot per page; a second concurrent
 * boot would throw).
 */
export function sharedWebContainerSandbox(): WebContainerSandbox {
  shared ??= new WebContainerSandbox({
    loadApi: async () =>
      (await import('@webcontainer/api')).WebContainer as unknown as ContainerApi,
    environment: browserEnvironment,
    boot: { document },
  });
  return shared;
}
