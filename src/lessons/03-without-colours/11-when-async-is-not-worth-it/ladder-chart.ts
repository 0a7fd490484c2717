/**
 * The cost ladder chart as data and markup, shared by `LadderChart.astro` (at build time, from
 * `ladder-data.json`) and its client script (in the page, from the reader's own run of
 * `snippets/ladder.ts` or `snippets/ladder-node.ts`). Pure: no DOM, so the parser and the
 * renderer are the same in both places and the unit test covers both.
 */

/** One rung: a kind of step and what one step cost. */
export interface Rung {
  /** `call`, `await`, `immediate`, `message`, `worker`, `timeout`; or `other`. */
  readonly id: string;
  readonly label: string;
  readonly medianNs: number;
  /** Fastest and slowest run, and steps per run: measure-ladder.ts records them, the snippets do not print them. */
  readonly minNs?: number;
  readonly maxNs?: number;
  readonly steps?: number;
}

/** A reader's run of a ladder snippet. */
export interface LadderRun {
  /** What the heading line says was measured: `median of 5 runs`, `on Node 24`. */
  readonly how: string;
  readonly rungs: Rung[];
}

const HEAD = /^one step costs (?:\((.+)\)|(on .+)):$/;
const RUNG = /^\s+(\S.*?)\s+(\d+(?:\.\d+)?) (ns|µs|us|ms)(?:\s.*)?$/;
const UNIT: Readonly<Record<string, number>> = {
  ns: 1,
  µs: 1e3,
  us: 1e3,
  ms: 1e6,
};

/** A printed step name → the rung id the chart knows it by. */
export function rungId(label: string): string {
  const l = label.toLowerCase();
  if (l.startsWith('plain call')) return 'call';
  if (l.startsWith('await')) return 'await';
  if (l.includes('setimmediate')) return 'immediate';
  if (l.includes('messagechannel')) return 'message';
  if (l.includes('worker')) return 'worker';
  if (l.includes('settimeout')) return 'timeout';
  return 'other';
}

/**
 * The rungs in a ladder snippet's output (text or stdout lines): the lines under the
 * `one step costs …:` heading that end in a duration. Undefined when the heading or every rung
 * is missing (the reader changed the format, or the run stopped early).
 */
export function parseLadder(
  output: string | readonly string[],
): LadderRun | undefined {
  const lines =
    typeof output === 'string' ? output.split(/\r?\n/) : output;
  const start = lines.findIndex((l) => HEAD.test(l.trimEnd()));
  if (start < 0) return undefined;
  const h = HEAD.exec(lines[start]!.trimEnd())!;
  const rungs: Rung[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = RUNG.exec(line.trimEnd());
    if (!m) {
      if (/^\s/.test(line)) continue; // an indented line without a figure ("no Web Worker here")
      break; // the rungs end at the first line that is not indented
    }
    const value = Number(m[2]) * UNIT[m[3]!]!;
    if (!Number.isFinite(value)) continue;
    rungs.push({ id: rungId(m[1]!), label: m[1]!, medianNs: value });
  }
  return rungs.length === 0
    ? undefined
    : { how: (h[1] ?? h[2])!, rungs };
}

/** A duration in the unit that suits it. */
export function show(ns: number): string {
  return ns < 1000
    ? `${ns.toPrecision(3)} ns`
    : ns < 1e6
      ? `${(ns / 1000).toPrecision(3)} µs`
      : `${(ns / 1e6).toPrecision(3)} ms`;
}

/** What kind of step each rung is, printed under its name. */
export const KIND: Readonly<Record<string, string>> = {
  call: 'same stack',
  await: 'microtask',
  immediate: 'loop trip',
  message: 'loop trip',
  worker: 'other thread',
  timeout: 'timer',
};

/** Text for HTML and SVG markup. */
export function esc(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const NAMES = [
  '1 ns',
  '10 ns',
  '100 ns',
  '1 µs',
  '10 µs',
  '100 µs',
  '1 ms',
  '10 ms',
];
const LEFT = 200;
const WIDTH = 440;
const TOP = 34;
const ROW = 34;
/** x of a duration on the log axis, 1 ns … 10 ms (beyond: at the edge, the label says the value). */
const x = (ns: number) =>
  LEFT +
  (Math.min(Math.max(Math.log10(Math.max(ns, 1)), 0), 7) / 7) * WIDTH;
export const ladderWidth = 680;
/** The SVG's height for `n` rungs. */
export const ladderHeight = (n: number): number => TOP + n * ROW + 20;

/**
 * The inside of the ladder's `<svg>`: `about` ends the description (who measured, where); the
 * ids are those its `aria-labelledby` names. Solid bars stay in the current task, hatched ones
 * leave it; a thin line spans the fastest to the slowest run where they are known.
 */
export function ladderSvg(
  rungs: readonly Rung[],
  about: string,
  titleId: string,
  descId: string,
  hatchId: string,
): string {
  const height = ladderHeight(rungs.length);
  const ranges = rungs.some(
    (r) => r.minNs !== undefined && r.maxNs !== undefined,
  );
  const desc =
    'Horizontal bars on a logarithmic time axis from 1 nanosecond to 10 milliseconds. ' +
    rungs.map((r) => `${r.label}: ${show(r.medianNs)}.`).join(' ') +
    ` ${about}`;
  const grid = NAMES.map((name, d) => {
    const gx = LEFT + (d / 7) * WIDTH;
    return (
      `<g><line class="grid" x1="${gx}" y1="${TOP - 8}" x2="${gx}" y2="${height - 18}"></line>` +
      `<text class="tick" x="${gx}" y="${TOP - 14}" text-anchor="middle">${name}</text></g>`
    );
  }).join('');
  const bars = rungs
    .map((r, i) => {
      const y = TOP + i * ROW;
      const solid = r.id === 'call' || r.id === 'await';
      const range =
        r.minNs !== undefined && r.maxNs !== undefined
          ? `<line class="range" x1="${x(r.minNs).toFixed(1)}" y1="${y + 26}" x2="${x(r.maxNs).toFixed(1)}" y2="${y + 26}"></line>`
          : '';
      return (
        `<g><text x="8" y="${y + 15}">${esc(r.label)}</text>` +
        `<text class="muted small" x="8" y="${y + 28}">${esc(KIND[r.id] ?? '')}</text>` +
        `<rect class="${solid ? 'bar' : 'bar hatched'}" x="${LEFT}" y="${y + 4}" width="${Math.max(2, x(r.medianNs) - LEFT).toFixed(1)}" height="18"></rect>` +
        range +
        `<text class="value" x="${Math.min(x(r.medianNs) + 6, 600).toFixed(1)}" y="${y + 17}">${esc(show(r.medianNs))}</text></g>`
      );
    })
    .join('');
  const legend = `solid bar: stays in the current task · hatched: leaves it${ranges ? ' · thin line: fastest to slowest run' : ''}`;
  return (
    `<title id="${titleId}">The cost ladder: one step of each kind, on a log scale</title>` +
    `<desc id="${descId}">${esc(desc)}</desc>` +
    `<defs><pattern id="${hatchId}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    '<line x1="0" y1="0" x2="0" y2="6" class="hatch"></line></pattern></defs>' +
    grid +
    bars +
    `<text class="muted small" x="8" y="${height - 4}">${legend}</text>`
  );
}

/** The text twin's body: one `<tr>` per rung; `—` where the run did not print a figure. */
export function ladderTableRows(rungs: readonly Rung[]): string {
  return rungs
    .map((r) => {
      const cells = [
        show(r.medianNs),
        r.minNs === undefined ? '—' : show(r.minNs),
        r.maxNs === undefined ? '—' : show(r.maxNs),
        r.steps === undefined ? '—' : r.steps.toLocaleString('en'),
      ];
      return `<tr><th scope="row">${esc(r.label)}</th>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
    })
    .join('');
}

/** What `snippet-run-finished` carries (dispatched by the workbench's output view). */
export interface RunFinishedDetail {
  readonly id?: string | undefined;
  readonly stdout: readonly string[];
  readonly runtime: string;
  readonly reason: string;
  readonly code: number;
}

/** The snippets whose runs redraw the ladder: `<lesson>/ladder` and `<lesson>/ladder-node`. */
export function isLadderSnippet(
  snippetId: string,
  lessonId: string,
): boolean {
  return (
    snippetId === `${lessonId}/ladder` ||
    snippetId === `${lessonId}/ladder-node`
  );
}

/** The label above the chart. */
export function ladderSourceLabel(
  mine: { edited: boolean } | undefined,
  recorded: string,
): string {
  if (!mine) return recorded;
  return mine.edited
    ? 'Your run (edited code)'
    : 'Your run (the lesson’s code)';
}

/** The sentence that ends the description and the table's note, for the reader's run. */
export function aboutRun(
  run: LadderRun,
  file: string,
  runtime: string,
): string {
  return `Your run of ${file} (${run.how}), ${runtime.replace(/^Ran /, 'run ')}; it prints only each step's median, not the fastest and slowest runs.`;
}

/** One sentence after a reader's run: what the chart now shows, or why it keeps its figures. */
export function ladderRunSentence(
  file: string,
  detail: Pick<RunFinishedDetail, 'reason' | 'code'>,
  run: LadderRun | undefined,
): string {
  if (detail.reason !== 'finished' || detail.code !== 0)
    return `Your run of ${file} did not finish (${detail.reason}), so the chart keeps its figures.`;
  if (!run)
    return `Your run of ${file} printed no "one step costs" lines in the chart's format, so the chart keeps its figures.`;
  return `The chart now shows your run of ${file}: ${run.rungs.map((r) => `${r.label} ${show(r.medianNs)}`).join(', ')}.`;
}
