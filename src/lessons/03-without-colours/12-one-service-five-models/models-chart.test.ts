import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MODELS,
  loadSentence,
  modelOf,
  modelsSvg,
  modelsTableRows,
  parseModelReport,
  rowsFor,
  runSentence,
  sourceLabel,
  type Model,
  type ModelReport,
  type ReaderRun,
} from './models-chart.ts';

const recordedText = (m: Model) =>
  readFileSync(
    join(import.meta.dirname, 'snippets', `${m}.output.txt`),
    'utf8',
  );
const recorded = Object.fromEntries(
  MODELS.map((m) => [m, parseModelReport(recordedText(m))!]),
) as Record<Model, ModelReport>;

describe('parseModelReport', () => {
  it('reads every recorded output of the five models', () => {
    for (const m of MODELS) {
      const r = recorded[m];
      expect(r, m).toBeDefined();
      expect(r.label).toBe(m);
      expect(r.load).toBe(
        'seed 1, 100 clients (10 slow), 4 lines, think 20/500 ms',
      );
    }
    expect(recorded.threads).toMatchObject({
      served: '100/100',
      peak: 28.1,
      switches: 498,
    });
    expect(recorded.blocking.p99).toBe(15354);
    // Every stack charged in full, but only a few pages of each in RAM.
    for (const m of MODELS)
      expect(recorded[m].residentKiB, m).toBeGreaterThan(0);
    expect(recorded.threads.residentKiB! / 1024).toBeLessThan(
      recorded.threads.peak / 10,
    );
  });

  it('reads stdout lines as the workbench hands them over, and integers without decimals', () => {
    const r = parseModelReport([
      'load: seed 3, 250 clients (10 slow), 4 lines, think 20/500 ms',
      'aio | 250/250 clients | 200 req/s | p50 0.1 ms | p99 12 ms | peak 2.1 MiB charged, 1048 KiB in RAM | 0 switches | 5107 syscalls',
    ]);
    expect(r).toEqual({
      label: 'aio',
      served: '250/250',
      rps: 200,
      p50: 0.1,
      p99: 12,
      peak: 2.1,
      residentKiB: 1048,
      switches: 0,
      syscalls: 5107,
      load: 'seed 3, 250 clients (10 slow), 4 lines, think 20/500 ms',
    });
  });

  it('still reads the first format, which printed no RAM figure (a saved edit may have it)', () => {
    const r = parseModelReport(
      'threads | 100/100 clients | 199.9 req/s | p50 0.1 ms | p99 0.1 ms | peak 28.1 MiB | 498 switches | 1203 syscalls',
    );
    expect(r).toMatchObject({
      peak: 28.1,
      switches: 498,
      syscalls: 1203,
    });
    expect(r).not.toHaveProperty('residentKiB');
  });

  it('gives undefined when the format changed or the report never came', () => {
    expect(parseModelReport('load: seed 1\n')).toBeUndefined();
    expect(
      parseModelReport(['aio 250 clients 200 req/s']),
    ).toBeUndefined();
    expect(
      parseModelReport(
        'aio | 100/100 clients | fast req/s | p50 0.1 ms | p99 0.1 ms | peak 1 MiB | 0 switches | 1 syscalls',
      ),
    ).toBeUndefined();
    expect(
      parseModelReport(
        'aio | 100/100 clients | 200 req/s | p50 0.1 ms | p99 0.1 ms | peak 1 MiB charged, lots in RAM | 0 switches | 1 syscalls',
      ),
    ).toBeUndefined();
    expect(parseModelReport([])).toBeUndefined();
  });
});

describe('rows and markup', () => {
  const edited = new Map<Model, ReaderRun>([
    [
      'aio',
      {
        report: {
          ...recorded.aio,
          served: '200/200',
          rps: 399.5,
          load: 'seed 1, 200 clients <b>',
        },
        edited: true,
        runtime: 'Ran in your browser (worker)',
      },
    ],
  ]);

  it('draws the recorded figures with one load and no reader mark', () => {
    const rows = rowsFor(recorded, edited, true);
    expect(rows.map((r) => r.source.kind)).toEqual(
      Array(5).fill('recorded'),
    );
    expect(sourceLabel(rows)).toBe('Recorded on Node 24 in CI');
    expect(loadSentence(rows)).toBe(
      'Load: seed 1, 100 clients (10 slow), 4 lines, think 20/500 ms.',
    );
    const svg = modelsSvg(rows, 't', 'd');
    expect(svg).toContain('<title id="t">');
    expect(svg).toContain('<desc id="d">');
    expect(svg).toContain(
      'throughput: blocking 19.6/s, threads 199.9/s',
    );
    expect(svg).not.toContain('bar-mine');
    expect(svg.match(/<rect class="bar /g)).toHaveLength(30);
    const table = modelsTableRows(rows);
    expect(table.match(/<tr>/g)).toHaveLength(5);
    expect(table).toContain(
      '<th scope="row">threads</th><td>100/100</td><td>199.9</td>',
    );
    expect(table).toContain('<td>15.4 s</td>');
  });

  it("puts the reader's run in its model's row, marked in the chart, the table and the label", () => {
    const rows = rowsFor(recorded, edited, false);
    expect(rows.find((r) => r.model === 'aio')!.report.rps).toBe(399.5);
    expect(sourceLabel(rows)).toBe(
      'Your run (edited code): async/await; the other 4 models: recorded on Node 24 in CI',
    );
    const svg = modelsSvg(rows, 't', 'd');
    expect(svg).toContain('async/await *</text>');
    expect(svg).toContain('bar bar-aio bar-mine');
    expect(svg).toContain('399.5/s');
    // The reader's text is escaped, never markup.
    expect(svg).toContain('200 clients &lt;b&gt;');
    expect(svg).not.toContain('<b>');
    expect(loadSentence(rows)).toMatch(
      /^Not one load: blocking, threads, reactor, green threads under seed 1, 100 clients/,
    );
    const table = modelsTableRows(rows);
    expect(table).toContain(
      '<th scope="row">async/await</th><td>200/200</td><td>399.5</td>',
    );
    expect(table).toContain('<td>your run (edited code)</td>');
    expect(table).toContain('<td>recorded on Node 24 in CI</td>');
    // The largest throughput now is the reader's: the other bars shrink against it.
    expect(svg).toMatch(
      /bar bar-aio bar-mine" x="102" y="\d+" width="170.0"/,
    );
  });

  it('names mixed runs one by one', () => {
    const both = new Map(edited);
    both.set('threads', {
      report: recorded.threads,
      edited: false,
      runtime: 'x',
    });
    expect(sourceLabel(rowsFor(recorded, both, false))).toBe(
      'Your run: threads (the lesson’s code), async/await (edited code); the other 3 models: recorded on Node 24 in CI',
    );
  });
});

describe('events', () => {
  it('knows the five snippets of its lesson only', () => {
    expect(
      modelOf('one-service-five-models/aio', 'one-service-five-models'),
    ).toBe('aio');
    expect(
      modelOf(
        'one-service-five-models/node-net',
        'one-service-five-models',
      ),
    ).toBeUndefined();
    expect(
      modelOf('the-reactor/aio', 'one-service-five-models'),
    ).toBeUndefined();
  });

  it('says in one sentence what happened to the chart', () => {
    const ok = { reason: 'finished', code: 0 };
    expect(runSentence('aio', 'aio.ts', ok, recorded.aio)).toBe(
      'The chart now shows your run of aio.ts for async/await (load: seed 1, 100 clients (10 slow), 4 lines, think 20/500 ms).',
    );
    expect(runSentence('aio', 'aio.ts', ok, undefined)).toBe(
      "Your run of aio.ts printed no report line in the chart's format, so the chart keeps its figures for async/await.",
    );
    expect(
      runSentence(
        'green',
        'green.ts',
        { reason: 'timeout', code: 124 },
        undefined,
      ),
    ).toMatch(/^Your run of green\.ts did not finish \(timeout\)/);
  });
});
