import type { Sandbox, SnippetRuntime } from '../types.ts';

/** A predict exercise's program, as the page embeds it. */
export interface PredictProgram {
  readonly program: string;
  readonly file: string;
  readonly runtime: SnippetRuntime;
  /** The output recorded on Node in CI. */
  readonly recorded: string;
  /** The program's `@normalize` rules, as plain data. */
  readonly normalize: readonly { source: string; flags: string; replacement: string }[];
}

/** The real output to grade against, and where it came from (always shown to the learner). */
export interface RealOutput {
  readonly output: string;
  readonly label: string;
  readonly recorded: boolean;
}

/** Finds the sandbox for a runtime; the default loads it with a dynamic import. */
export type LoadSandbox = (runtime: SnippetRuntime) => Promise<Sandbox>;

const defaultLoad: LoadSandbox = async (runtime) => {
  const { chooseRuntime, loadSandbox } = await import('../select.ts');
  return loadSandbox(chooseRuntime(runtime));
};

/** Applies `@normalize` rules, so output that varies between runs compares fairly. */
export function normalize(text: string, rules: PredictProgram['normalize']): string {
  let out = text;
  for (const r of rules) out = out.replace(new RegExp(r.source, r.flags), r.replacement);
  return out;
}

/**
 * Runs the program for real (browser programs in the worker, Node programs in WebContainer) and
 * returns its stdout. A Node program that cannot run here — WebContainer unavailable, or its
 * code not loadable (offline) — is graded against the output recorded on Node, labelled so.
 * Rejects when a browser program cannot run or does not finish.
 */
export async function realOutput(
  p: PredictProgram,
  onProgress: (text: string) => void,
  load: LoadSandbox = defaultLoad,
): Promise<RealOutput> {
  const recorded = (why: string) => ({
    output: p.recorded,
    label: `Recorded on Node.js 24 in CI (not run here: ${why})`,
    recorded: true,
  });
  let sandbox: Sandbox;
  try {
    sandbox = await load(p.runtime);
  } catch (error) {
    if (p.runtime === 'node')
      return recorded(`in-browser Node.js could not be loaded: ${String(error)}`);
    throw error;
  }
  const lines: string[] = [];
  let unavailable: string | undefined;
  const handle = sandbox.run({ files: { [p.file]: p.program }, entry: p.file }, (e) => {
    if (e.type === 'output') for (const l of e.lines) if (l.stream === 'stdout') lines.push(l.text);
    if (e.type === 'progress') onProgress(e.text);
    if (e.type === 'unavailable') unavailable = e.reason;
  });
  const exit = await handle.done;
  if (unavailable !== undefined) return recorded(unavailable);
  if (exit.reason === 'timeout' || exit.reason === 'crashed' || exit.reason === 'stopped')
    throw new Error(`the program did not finish (${exit.reason})`);
  return {
    output: normalize(lines.join('\n'), p.normalize),
    label: sandbox.label,
    recorded: false,
  };
}
