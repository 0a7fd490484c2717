import { MAX_LINE_CHARS, OUTPUT_LIMITS, clipLine, moreCharacters } from '../output-limits.ts';
import type { LineMappings } from '../source-map.ts';
import type { OutputLine, SourcePosition } from '../types.ts';

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
    case 'done':
      return Number.isSafeInteger(data['code'])
        ? { type: 'done', code: data['code'] as number }
        : undefined;
    default:
      return undefined;
  }
}
