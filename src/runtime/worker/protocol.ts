import { MAX_LINE_CHARS, OUTPUT_LIMITS, clipLine, moreCharacters } from '../output-limits.ts';
import type { LineMappings } from '../source-map.ts';
import type {
  ActorSnapshot,
  KernelTrace,
  OutputLine,
  SourcePosition,
  TraceRecord,
} from '../types.ts';

/** One transpiled module as sent to the worker. */
export interface WorkerModule {
  readonly file: string;
  readonly code: string;
  readonly mappings: LineMappings;
}

/**
 * Page → worker: the only message; a worker runs exactly one program and is then terminated.
 * It transfers one `MessagePort`, the runtime's private channel back to the page (see
 * {@link WorkerMessage}).
 */
export interface StartMessage {
  readonly type: 'start';
  readonly modules: readonly WorkerModule[];
  readonly entry: string;
  /**
   * For a Check run: the run's secret. The worker hands the check runner a function that posts
   * `check` messages carrying it; learner code never sees it (src/runtime/checks/check-request.ts).
   */
  readonly reportKey?: string;
  /**
   * When to send a snapshot of the kit traces if the program is still running (ms after the
   * start, a little before the time limit), so a program that never ends still has a timeline.
   */
  readonly traceAtMs?: number;
}

/**
 * Worker → page, on the private port only. `started` comes first (the script loaded), `done`
 * last, with the exit status. Anything the program posts itself with `self.postMessage` arrives
 * on the worker's global channel instead, which the page never listens to after the start.
 */
export type WorkerMessage =
  | { readonly type: 'started' }
  | { readonly type: 'output'; readonly lines: OutputLine[]; readonly dropped: number }
  | {
      readonly type: 'error';
      readonly kind: 'uncaught' | 'rejection' | 'syntax';
      readonly message: string;
      readonly position?: SourcePosition;
    }
  | { readonly type: 'check'; readonly key: string; readonly text: string }
  | TraceMessage
  | { readonly type: 'done'; readonly code: number };

/** The longest error message the page shows (a stack trace fits many times over). */
export const MAX_MESSAGE_CHARS = 20_000;
/** The longest check message (one result with its expected and actual values, as JSON). */
export const MAX_CHECK_CHARS = 200_000;

/** Cuts a long error message, saying how much was left out. */
export function clipMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length > max ? text.slice(0, max) + moreCharacters(text.length - max) : text;
}

type Data = Record<string, unknown>;
const isObject = (v: unknown): v is Data => typeof v === 'object' && v !== null;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const ERROR_KINDS: readonly unknown[] = ['uncaught', 'rejection', 'syntax'];

function position(v: unknown): SourcePosition | undefined | false {
  if (v === undefined) return undefined;
  if (!isObject(v) || typeof v['file'] !== 'string') return false;
  const { file, line, column } = v;
  if (!isCount(line) || !isCount(column)) return false;
  return { file: file.slice(0, 500), line, column };
}

function outputLines(v: unknown): OutputLine[] | undefined {
  if (!Array.isArray(v) || v.length > OUTPUT_LIMITS.lines) return undefined;
  const lines: OutputLine[] = [];
  for (const l of v as unknown[]) {
    if (!isObject(l) || typeof l['text'] !== 'string') return undefined;
    if (l['stream'] !== 'stdout' && l['stream'] !== 'stderr') return undefined;
    // The worker already cut its lines; a longer one is cut again rather than trusted.
    const long = l['text'].length > MAX_LINE_CHARS + 40;
    lines.push({ stream: l['stream'], text: long ? clipLine(l['text']) : l['text'] });
  }
  return lines;
}

/** The kit traces of a run: sent once before `done`, and once near the time limit. */
export interface TraceMessage {
  readonly type: 'trace';
  readonly kernels: KernelTrace[];
  readonly kernelsNotSent: number;
  readonly complete: boolean;
}

/**
 * Bounds on what a run's traces may carry: events per kernel (the first ones are kept, later
 * ones counted), events in all, kernels, and the length of each text field.
 */
export const TRACE_LIMITS = {
  eventsPerKernel: 20_000,
  events: 50_000,
  kernels: 8,
  actors: 200,
  actorChars: 80,
  eventChars: 40,
  detailChars: 300,
  waitChars: 300,
} as const;

/**
 * How the worker watches a program that never returns to its event loop (its timers cannot fire
 * then): the kit calls it every `everyEvents` trace events (src/kit/trace.ts `watchTraces`);
 * past the snapshot time it sends the traces again every `resendMs` at least.
 */
export const TRACE_WATCH = { everyEvents: 256, resendMs: 50 } as const;

/** How long to wait before sending the traces again, given how long the last sending took. */
export function resendAfterMs(lastCostMs: number): number {
  return Math.max(TRACE_WATCH.resendMs, 4 * lastCostMs);
}

/** What the worker reads from a kernel (the kit's `KernelRecord`, src/kit/registry.ts). */
export interface TraceSource {
  readonly index: number;
  trace(): readonly TraceRecord[];
  dropped(): number;
  now(): number;
  actors(): readonly ActorSnapshot[];
}

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** What a kit `DeadlockError` says each task was waiting for (src/kit/errors.ts). */
export interface DeadlockWaits {
  readonly waits: readonly { readonly actor: string; readonly waitingFor: string }[];
}

/** The `waits` of a kit DeadlockError, if `error` is one (checked by shape: no kit import). */
export function deadlockWaits(error: unknown): DeadlockWaits | undefined {
  if (!isObject(error) || error['code'] !== 'EDEADLK' || !Array.isArray(error['waits']))
    return undefined;
  const waits: { actor: string; waitingFor: string }[] = [];
  for (const w of error['waits'] as unknown[])
    if (isObject(w) && typeof w['actor'] === 'string' && typeof w['waitingFor'] === 'string')
      waits.push({ actor: w['actor'], waitingFor: w['waitingFor'] });
  return { waits };
}

/**
 * Builds the trace message from the kernels a program created; undefined if it created none.
 * A program that died of a deadlock gets the deadlock report as the actors' last state: the kit
 * puts main back on the CPU after throwing, so asking the kernel afterwards would say "running".
 */
export function traceMessage(
  sources: readonly TraceSource[],
  notKept: number,
  complete: boolean,
  deadlock?: DeadlockWaits,
): TraceMessage | undefined {
  if (sources.length === 0 && notKept === 0) return undefined;
  const kernels: KernelTrace[] = [];
  let budget: number = TRACE_LIMITS.events;
  for (const k of sources.slice(0, TRACE_LIMITS.kernels)) {
    const all = k.trace();
    const keep = Math.max(0, Math.min(all.length, TRACE_LIMITS.eventsPerKernel, budget));
    budget -= keep;
    const { events, left } = firstAndLast(all, keep);
    kernels.push({
      index: k.index,
      events,
      dropped: k.dropped() + left,
      now: k.now(),
      actors: (deadlock && sources.length === 1 ? fromWaits(deadlock, k) : k.actors()).slice(
        0,
        TRACE_LIMITS.actors,
      ),
    });
  }
  const kernelsNotSent = notKept + Math.max(0, sources.length - TRACE_LIMITS.kernels);
  return { type: 'trace', kernels, kernelsNotSent, complete };
}

/** How many events a kit `cut` marker stands for (its detail starts with the count). */
const markerCount = (e: TraceRecord): number =>
  Number(/^(\d+) events? dropped/.exec(e.detail ?? '')?.[1] ?? 0);

/**
 * At most `keep` of a kernel's events: all of them when they fit, else the first half and the
 * last half with one `cut` marker between them (the kit's own format, read by
 * `src/runtime/timeline/cuts.ts`), so a long run's timeline shows its start and its end.
 * `left` counts the events left out (kit markers in the middle count for what they stood for).
 */
function firstAndLast(
  all: readonly TraceRecord[],
  keep: number,
): { events: readonly TraceRecord[]; left: number } {
  if (all.length <= keep) return { events: all, left: 0 };
  if (keep < 3) return { events: all.slice(0, keep), left: all.length - keep };
  const head = Math.floor((keep - 1) / 2);
  const tail = keep - 1 - head;
  const middle = all.slice(head, all.length - tail);
  let left = 0;
  let counted = 0;
  for (const e of middle) {
    if (e.event === 'cut') counted += markerCount(e);
    else left++;
  }
  const from = middle[0]!.t;
  const to = middle.at(-1)!.t;
  const marker: TraceRecord = {
    t: from,
    actor: 'trace',
    event: 'cut',
    detail: `${left + counted} events dropped from ${from.toFixed(3)} ms to ${to.toFixed(3)} ms (the page gets the first ${head} and the last ${tail} events of this kernel)`,
  };
  return { events: [...all.slice(0, head), marker, ...all.slice(all.length - tail)], left };
}

function fromWaits(d: DeadlockWaits, k: TraceSource): ActorSnapshot[] {
  const cooperative = new Map(k.actors().map((a) => [a.actor, a.cooperative]));
  return d.waits.map(({ actor, waitingFor }) => {
    const idle = /^nothing \((ready|running)\)$/.exec(waitingFor)?.[1];
    return {
      actor,
      state: idle === 'ready' ? 'ready' : idle === 'running' ? 'running' : 'blocked',
      waitingFor: idle ? '' : waitingFor,
      cooperative: cooperative.get(actor) ?? false,
    };
  });
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function traceRecord(v: unknown): TraceRecord | undefined {
  if (!isObject(v)) return undefined;
  const { t, actor, event, fd, detail } = v;
  if (!isTime(t) || typeof actor !== 'string' || typeof event !== 'string') return undefined;
  if (fd !== undefined && !Number.isSafeInteger(fd)) return undefined;
  if (detail !== undefined && typeof detail !== 'string') return undefined;
  return {
    t,
    actor: clip(actor, TRACE_LIMITS.actorChars),
    event: clip(event, TRACE_LIMITS.eventChars),
    ...(fd !== undefined ? { fd: fd as number } : {}),
    ...(detail !== undefined ? { detail: clip(detail, TRACE_LIMITS.detailChars) } : {}),
  };
}

const STATES: readonly unknown[] = ['running', 'ready', 'blocked', 'done'];

function actorSnapshot(v: unknown): ActorSnapshot | undefined {
  if (!isObject(v)) return undefined;
  const { actor, state, waitingFor, cooperative } = v;
  if (typeof actor !== 'string' || !STATES.includes(state)) return undefined;
  if (typeof waitingFor !== 'string' || typeof cooperative !== 'boolean') return undefined;
  return {
    actor: clip(actor, TRACE_LIMITS.actorChars),
    state: state as ActorSnapshot['state'],
    waitingFor: clip(waitingFor, TRACE_LIMITS.waitChars),
    cooperative,
  };
}

/** Checks a trace message field by field; events past the bounds make it invalid, not cut. */
function traceFields(data: Data): TraceMessage | undefined {
  const { kernels, kernelsNotSent, complete } = data;
  if (!Array.isArray(kernels) || kernels.length > TRACE_LIMITS.kernels) return undefined;
  if (!isCount(kernelsNotSent) || typeof complete !== 'boolean') return undefined;
  const out: KernelTrace[] = [];
  let total = 0;
  for (const k of kernels as unknown[]) {
    if (!isObject(k)) return undefined;
    const { index, events, dropped, now, actors } = k;
    if (!isCount(index) || !isCount(dropped) || !isTime(now)) return undefined;
    if (!Array.isArray(events) || events.length > TRACE_LIMITS.eventsPerKernel) return undefined;
    if (!Array.isArray(actors) || actors.length > TRACE_LIMITS.actors) return undefined;
    total += events.length;
    if (total > TRACE_LIMITS.events) return undefined;
    const evs: TraceRecord[] = [];
    for (const e of events as unknown[]) {
      const r = traceRecord(e);
      if (!r) return undefined;
      evs.push(r);
    }
    const snaps: ActorSnapshot[] = [];
    for (const a of actors as unknown[]) {
      const r = actorSnapshot(a);
      if (!r) return undefined;
      snaps.push(r);
    }
    out.push({ index, events: evs, dropped, now, actors: snaps });
  }
  return { type: 'trace', kernels: out, kernelsNotSent, complete };
}

/**
 * The message if it is one of the protocol's, with exactly its fields, else undefined. The page
 * runs every message from the worker through this before believing it: the port is reachable
 * only by the runtime's own code, but that code shares its realm with the learner's, which can
 * patch built-ins the runtime uses to build a message; so no shape or size is taken on trust.
 */
export function parseWorkerMessage(data: unknown): WorkerMessage | undefined {
  if (!isObject(data)) return undefined;
  switch (data['type']) {
    case 'started':
      return { type: 'started' };
    case 'output': {
      const lines = outputLines(data['lines']);
      const dropped = data['dropped'];
      return lines && isCount(dropped) ? { type: 'output', lines, dropped } : undefined;
    }
    case 'error': {
      const { kind, message } = data;
      const at = position(data['position']);
      if (!ERROR_KINDS.includes(kind) || typeof message !== 'string' || at === false)
        return undefined;
      return {
        type: 'error',
        kind: kind as 'uncaught' | 'rejection' | 'syntax',
        message: clipMessage(message),
        ...(at ? { position: at } : {}),
      };
    }
    case 'check': {
      const { key, text } = data;
      if (typeof key !== 'string' || typeof text !== 'string' || text.length > MAX_CHECK_CHARS)
        return undefined;
      return { type: 'check', key, text };
    }
    case 'trace':
      return traceFields(data);
    case 'done':
      return Number.isSafeInteger(data['code'])
        ? { type: 'done', code: data['code'] as number }
        : undefined;
    default:
      return undefined;
  }
}
