/**
 * The capstone's comparison chart as data and markup, shared by `ModelsChart.astro` (at build
 * time, from the recorded `snippets/<model>.output.txt`) and its client script (in the page, from
 * the reader's own run of a snippet). Pure: no DOM, so the same parser and the same renderer run
 * in both places, and the unit test covers both.
 */

/** The five models, in the chapter's order: also the snippets' file names. */
export const MODELS = [
  'blocking',
  'threads',
  'reactor',
  'aio',
  'green',
] as const;
export type Model = (typeof MODELS)[number];

/** How the chart names each model. */
export const MODEL_NAMES: Readonly<Record<Model, string>> = {
  blocking: 'blocking',
  threads: 'threads',
  reactor: 'reactor',
  aio: 'async/await',
  green: 'green threads',
};

/** One model's figures, as its report line prints them. */
export interface ModelReport {
  /** The name the line starts with (`aio`). */
  readonly label: string;
  /** `served/clients`, e.g. `100/100`. */
  readonly served: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** MiB: every stack charged at its full size (a reservation), plus sockets (`memory.peak`). */
  readonly peak: number;
  /**
   * KiB really in RAM at the peak (`memory.resident.peak`): touched stack pages, kernel stacks,
   * sockets. Undefined for a report line in the first format, which printed only `peak`.
   */
  readonly residentKiB?: number;
  readonly switches: number;
  readonly syscalls: number;
  /** The `load:` line's text (`seed 1, 100 clients (10 slow), …`), or '' if it printed none. */
  readonly load: string;
}

const NUM = String.raw`(\d+(?:\.\d+)?)`;
const REPORT = new RegExp(
  String.raw`^(\w+) \| (\d+\/\d+) clients \| ${NUM} req\/s \| p50 ${NUM} ms \| p99 ${NUM} ms \| peak ${NUM} MiB(?: charged, ${NUM} KiB in RAM)? \| (\d+) switches \| (\d+) syscalls$`,
);
const LOAD = /^load: (.*)$/;

/**
 * The figures in a snippet's output (its text, or its stdout lines): the report line, and the
 * `load:` line before it. Undefined when no line has the report's format (the reader changed
 * it, or the run stopped before the report). A line without the RAM figure (`peak 1.1 MiB |`,
 * the format before the kit counted resident memory, still in readers' saved edits) is read too.
 */
export function parseModelReport(
  output: string | readonly string[],
): ModelReport | undefined {
  const lines =
    typeof output === 'string' ? output.split(/\r?\n/) : output;
  let load = '';
  for (const raw of lines) {
    const line = raw.trimEnd();
    const l = LOAD.exec(line);
    if (l) load = l[1]!;
    const m = REPORT.exec(line);
    if (!m) continue;
    const report: ModelReport = {
      label: m[1]!,
      served: m[2]!,
      rps: Number(m[3]),
      p50: Number(m[4]),
      p99: Number(m[5]),
      peak: Number(m[6]),
      ...(m[7] === undefined ? {} : { residentKiB: Number(m[7]) }),
      switches: Number(m[8]),
      syscalls: Number(m[9]),
      load,
    };
    return report;
  }
  return undefined;
}

/** Where a row's figures come from. */
export interface RowSource {
  /** `recorded` (CI, Node 24) or `mine` (the reader's run in this page). */
  readonly kind: 'recorded' | 'mine';
  /** For the reader's run: did it run code that differs from the lesson's? */
  readonly edited?: boolean;
}

/** One row of the chart: a model, its figures, and where they come from. */
export interface ModelRow {
  readonly model: Model;
  readonly report: ModelReport;
  readonly source: RowSource;
}

/** A milliseconds figure: `0.1 ms`, `15.4 s`. */
export const ms = (v: number): string =>
  v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(1)} ms`;

interface Panel {
  readonly title: string;
  readonly note: string;
  readonly value: (r: ModelReport) => number;
  readonly show: (v: number) => string;
}

/** The six panels: one measure each, each scaled to its own largest value. */
export const PANELS: readonly Panel[] = [
  {
    title: 'throughput',
    note: 'replies per second, higher is better',
    value: (r) => r.rps,
    show: (v) => `${v.toFixed(1)}/s`,
  },
  {
    title: 'p50 latency',
    note: 'median line-to-reply time',
    value: (r) => r.p50,
    show: ms,
  },
  {
    title: 'p99 latency',
    note: '99th percentile, lower is better',
    value: (r) => r.p99,
    show: ms,
  },
  {
    title: 'peak memory',
    note: 'every stack in full (reserved, not RAM), sockets',
    value: (r) => r.peak,
    show: (v) => `${v.toFixed(1)} MiB`,
  },
  {
    title: 'context switches',
    note: 'between kernel threads',
    value: (r) => r.switches,
    show: (v) => String(v),
  },
  {
    title: 'system calls',
    note: 'every kit call the server made',
    value: (r) => r.syscalls,
    show: (v) => String(v),
  },
];

/** Text for HTML and SVG markup. */
export function esc(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A row's name in the chart: the reader's rows carry a `*` (the legend says what it means). */
const rowName = (r: ModelRow) =>
  `${MODEL_NAMES[r.model]}${r.source.kind === 'mine' ? ' *' : ''}`;

/** What a row's figures are, in words. */
export function sourceText(source: RowSource): string {
  if (source.kind === 'recorded') return 'recorded on Node 24 in CI';
  return source.edited ? 'your run (edited code)' : 'your run';
}

const PW = 350; // panel width
const PH = 150; // panel height
const LABEL = 96; // right edge of the model-name column
const BAR = 170; // longest bar
const rowY = (i: number) => 44 + i * 20;
export const CHART_WIDTH = 2 * PW + 10;
export const CHART_HEIGHT = 3 * PH;

/** The distinct loads of the rows, each with the models measured under it. */
export function loadsOf(
  rows: readonly ModelRow[],
): { load: string; models: Model[] }[] {
  const out: { load: string; models: Model[] }[] = [];
  for (const r of rows) {
    const found = out.find((l) => l.load === r.report.load);
    if (found) found.models.push(r.model);
    else out.push({ load: r.report.load, models: [r.model] });
  }
  return out;
}

/** One sentence on the load(s), for the `<desc>` and the note under the chart. */
export function loadSentence(rows: readonly ModelRow[]): string {
  const loads = loadsOf(rows);
  if (loads.length === 1)
    return `Load: ${loads[0]!.load || 'not printed'}.`;
  return `Not one load: ${loads
    .map(
      (l) =>
        `${l.models.map((m) => MODEL_NAMES[m]).join(', ')} under ${l.load || 'a load not printed'}`,
    )
    .join('; ')}. Compare with care.`;
}

/**
 * The inside of the chart's `<svg>` (title, desc, six panels): `titleId`/`descId` are the ids
 * its `aria-labelledby` names. Every bar is labelled with its model and its value; the reader's
 * rows are marked `*` and drawn hatched, so the difference never rests on colour.
 */
export function modelsSvg(
  rows: readonly ModelRow[],
  titleId: string,
  descId: string,
): string {
  const mine = rows.some((r) => r.source.kind === 'mine');
  const desc =
    `Six bar charts, one per measure, each with a bar for ${rows.map((r) => MODEL_NAMES[r.model]).join(', ')}. ` +
    `${loadSentence(rows)} ` +
    (mine
      ? `Figures from your run: ${rows
          .filter((r) => r.source.kind === 'mine')
          .map((r) => MODEL_NAMES[r.model])
          .join(', ')}; the others are recorded. `
      : 'Figures recorded on Node 24 in CI. ') +
    PANELS.map(
      (p) =>
        `${p.title}: ${rows.map((r) => `${MODEL_NAMES[r.model]} ${p.show(p.value(r.report))}`).join(', ')}.`,
    ).join(' ');
  const title = mine
    ? 'The same service in five models: your run beside the recorded figures'
    : 'The same service in five models, measured under one seeded load';
  const defs =
    '<defs><pattern id="ch12mc-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' +
    '<line x1="0" y1="0" x2="0" y2="5" class="hatch"></line></pattern></defs>';
  const panels = PANELS.map((p, pi) => {
    const x0 = (pi % 2) * (PW + 10);
    const y0 = Math.floor(pi / 2) * PH;
    const max = Math.max(...rows.map((r) => p.value(r.report)), 1e-9);
    const bars = rows
      .map((r, i) => {
        const v = p.value(r.report);
        const w = Math.max(v > 0 ? 2 : 0, (v / max) * BAR);
        const cls = `bar bar-${r.model}${r.source.kind === 'mine' ? ' bar-mine' : ''}`;
        return (
          `<g><text class="label" x="${LABEL}" y="${rowY(i) + 12}" text-anchor="end">${esc(rowName(r))}</text>` +
          `<rect class="${cls}" x="${LABEL + 6}" y="${rowY(i) + 2}" width="${w.toFixed(1)}" height="13"></rect>` +
          `<text class="value" x="${(LABEL + 12 + w).toFixed(1)}" y="${rowY(i) + 12}">${esc(p.show(v))}</text></g>`
        );
      })
      .join('');
    return (
      `<g transform="translate(${x0} ${y0})">` +
      `<rect class="panel" x="0.5" y="0.5" width="${PW - 1}" height="${PH - 10}" rx="6"></rect>` +
      `<text class="heading" x="12" y="20">${esc(p.title)}</text>` +
      `<text class="muted" x="12" y="34">${esc(p.note)}</text>${bars}</g>`
    );
  }).join('');
  return (
    `<title id="${titleId}">${esc(title)}</title><desc id="${descId}">${esc(desc)}</desc>` +
    defs +
    panels
  );
}

/** The text twin's body: one `<tr>` per model, the same figures as the chart, and their source. */
export function modelsTableRows(rows: readonly ModelRow[]): string {
  return rows
    .map((r) => {
      const x = r.report;
      const cells = [
        x.served,
        x.rps.toFixed(1),
        ms(x.p50),
        ms(x.p99),
        `${x.peak.toFixed(1)} MiB`,
        String(x.switches),
        String(x.syscalls),
        sourceText(r.source),
      ];
      return `<tr><th scope="row">${esc(MODEL_NAMES[r.model])}</th>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
    })
    .join('');
}

/** The model a snippet id names (`one-service-five-models/aio` → `aio`), if it is one of the five. */
export function modelOf(
  snippetId: string,
  lessonId: string,
): Model | undefined {
  const prefix = `${lessonId}/`;
  if (!snippetId.startsWith(prefix)) return undefined;
  const name = snippetId.slice(prefix.length);
  return (MODELS as readonly string[]).includes(name)
    ? (name as Model)
    : undefined;
}

/** What `snippet-run-finished` carries (dispatched by the workbench's output view). */
export interface RunFinishedDetail {
  readonly id?: string | undefined;
  readonly stdout: readonly string[];
  readonly runtime: string;
  readonly reason: string;
  readonly code: number;
}

/** The reader's run of one model, as the chart keeps it. */
export interface ReaderRun {
  readonly report: ModelReport;
  readonly edited: boolean;
  readonly runtime: string;
}

/** Rows to draw: the reader's run of a model where there is one (unless `recordedOnly`). */
export function rowsFor(
  recorded: Readonly<Record<Model, ModelReport>>,
  mine: ReadonlyMap<Model, ReaderRun>,
  recordedOnly: boolean,
): ModelRow[] {
  return MODELS.map((model) => {
    const run = recordedOnly ? undefined : mine.get(model);
    return run
      ? {
          model,
          report: run.report,
          source: { kind: 'mine', edited: run.edited },
        }
      : {
          model,
          report: recorded[model],
          source: { kind: 'recorded' },
        };
  });
}

/**
 * The one sentence the chart says after a reader's run of `model`: what it now shows, or why
 * it keeps the figures it had.
 */
export function runSentence(
  model: Model,
  file: string,
  detail: Pick<RunFinishedDetail, 'reason' | 'code'>,
  report: ModelReport | undefined,
): string {
  const name = MODEL_NAMES[model];
  if (detail.reason !== 'finished' || detail.code !== 0)
    return `Your run of ${file} did not finish (${detail.reason}), so the chart keeps its figures for ${name}.`;
  if (!report)
    return `Your run of ${file} printed no report line in the chart's format, so the chart keeps its figures for ${name}.`;
  return `The chart now shows your run of ${file} for ${name} (${report.load ? `load: ${report.load}` : 'no load line printed'}).`;
}

/** The line above the chart that says whose figures it shows. */
export function sourceLabel(rows: readonly ModelRow[]): string {
  const mine = rows.filter((r) => r.source.kind === 'mine');
  if (mine.length === 0) return 'Recorded on Node 24 in CI';
  const edited = mine.filter((r) => r.source.edited).length;
  const names = mine.map((r) =>
    edited === 0 || edited === mine.length
      ? MODEL_NAMES[r.model]
      : `${MODEL_NAMES[r.model]} (${r.source.edited ? 'edited code' : 'the lesson’s code'})`,
  );
  const head =
    edited === mine.length
      ? 'Your run (edited code)'
      : edited === 0
        ? 'Your run (the lesson’s code)'
        : 'Your run';
  const others = rows.length - mine.length;
  return `${head}: ${names.join(', ')}${others > 0 ? `; the other ${others === 1 ? 'model' : `${others} models`}: recorded on Node 24 in CI` : ''}`;
}
