/**
 * The one sandbox interface every runtime implements. A run takes a set of TypeScript files and an
 * entry point, streams structured events while it runs, and always ends with exactly one `exit`.
 */

/**
 * Where a program can run, as its `// @runtime` header declares: `browser` (the page's worker) or
 * `node` (needs Node.js: WebContainer in the browser, Node in CI).
 */
export type SnippetRuntime = 'browser' | 'node';

/** Which sandbox produced an output; the UI always shows it to the learner. */
export type RuntimeKind = 'worker' | 'webcontainer';

/** One line of program output. */
export interface OutputLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** A position in the learner's TypeScript (1-based line and column). */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One event of a kit kernel's trace, as the kit records it (`src/kit/trace.ts`); `t` is virtual ms. */
export interface TraceRecord {
  readonly t: number;
  readonly actor: string;
  readonly event: string;
  readonly fd?: number;
  readonly detail?: string;
}

/** Where one of a kernel's tasks was when its trace was taken (as a deadlock report says it). */
export interface ActorSnapshot {
  readonly actor: string;
  readonly state: 'running' | 'ready' | 'blocked' | 'done';
  /** `accept on fd 3 (…)`, `sleep until 5.000 ms`…; '' when not blocked. */
  readonly waitingFor: string;
  readonly cooperative: boolean;
}

/** The trace of one kernel a program created, cut to a bound (src/runtime/worker/protocol.ts). */
export interface KernelTrace {
  /** 1 for the program's first kernel, 2 for the next… */
  readonly index: number;
  /** The first events, in order. */
  readonly events: readonly TraceRecord[];
  /** Later events left out: by the kit's own `traceLimit`, then by the runtime's bound. */
  readonly dropped: number;
  /** The kernel's virtual time when the trace was taken (ms). */
  readonly now: number;
  /** Main and every live thread at that moment. */
  readonly actors: readonly ActorSnapshot[];
}

/** Why a run ended. */
export type ExitReason = 'finished' | 'error' | 'stopped' | 'timeout' | 'crashed' | 'unavailable';

/** Everything a run reports, in order. */
export type RunEvent =
  | { readonly type: 'output'; readonly lines: readonly OutputLine[]; readonly dropped: number }
  | {
      readonly type: 'error';
      readonly kind: 'syntax' | 'uncaught' | 'rejection' | 'runtime';
      readonly message: string;
      readonly position?: SourcePosition;
    }
  /** Progress of slow preparation (WebContainer boot); transient, not program output. */
  | { readonly type: 'progress'; readonly text: string }
  /**
   * The traces of the kit kernels the program created (worker runs only), sent before `exit`:
   * `complete` is false for a snapshot taken near the time limit while the program still ran.
   */
  | {
      readonly type: 'trace';
      readonly kernels: readonly KernelTrace[];
      /** Kernels created past the runtime's bound, not sent. */
      readonly kernelsNotSent: number;
      readonly complete: boolean;
    }
  /** The sandbox cannot run here; `reason` is one sentence for the learner. */
  | { readonly type: 'unavailable'; readonly reason: string }
  | {
      readonly type: 'exit';
      readonly code: number;
      readonly reason: ExitReason;
      readonly durationMs: number;
    };

/** The final event of a run. */
export type ExitEvent = Extract<RunEvent, { type: 'exit' }>;

/** What to run. Paths are relative (`main.ts`); sources are TypeScript. */
export interface RunRequest {
  readonly files: Readonly<Record<string, string>>;
  readonly entry: string;
  /** Stop the program after this long; defaults to {@link DEFAULT_TIME_LIMIT_MS}. */
  readonly timeLimitMs?: number;
}

/** A run in progress. */
export interface RunHandle {
  /** Stops the program now; `done` then resolves with reason `stopped`. */
  stop(): void;
  /** Resolves with the exit event once the run is over (never rejects). */
  readonly done: Promise<ExitEvent>;
}

/** A sandbox: something that can run programs. */
export interface Sandbox {
  readonly kind: RuntimeKind;
  /** Shown on every output it produces, e.g. "Ran in your browser (worker)". */
  readonly label: string;
  run(request: RunRequest, onEvent: (event: RunEvent) => void): RunHandle;
  /** Gets ready for a likely run, cheaply (never boots anything heavy). */
  prepare?(): void;
  /** Throws the sandbox away and starts a fresh one ("Reset runtime"), where that means anything. */
  reset?(): Promise<void>;
}

/** Ten seconds: long enough for every lesson program, short enough that a stuck one is obvious. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/** Output lines kept per run; beyond this they are counted and reported as dropped. */
export const MAX_OUTPUT_LINES = 5_000;
