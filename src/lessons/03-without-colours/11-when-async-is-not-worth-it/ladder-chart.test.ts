import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import data from './ladder-data.json';
import {
  aboutRun,
  isLadderSnippet,
  ladderRunSentence,
  ladderSourceLabel,
  ladderSvg,
  ladderTableRows,
  parseLadder,
  rungId,
  show,
} from './ladder-chart.ts';

const recorded = (name: string) =>
  readFileSync(
    join(import.meta.dirname, 'snippets', `${name}.output.txt`),
    'utf8',
  );

describe('parseLadder', () => {
  it("reads the browser program's recorded output", () => {
    const run = parseLadder(recorded('ladder'))!;
    expect(run.how).toBe('median of 5 runs');
    expect(run.rungs.map((r) => [r.id, r.label])).toEqual([
      ['call', 'plain call'],
      ['await', 'await of a resolved value'],
      ['message', 'MessageChannel hop'],
      ['timeout', 'setTimeout(0) hop'],
    ]);
    expect(run.rungs.map((r) => r.medianNs)).toEqual([
      2, 86.3, 6800, 1_100_000,
    ]);
  });

  it("reads the Node program's output, ratios and trailing spaces included", () => {
    const run = parseLadder(recorded('ladder-node'))!;
    expect(run.how).toBe('on Node 24');
    expect(run.rungs.map((r) => r.id)).toEqual([
      'call',
      'await',
      'immediate',
      'worker',
      'timeout',
    ]);
    expect(run.rungs[3]!.medianNs).toBeCloseTo(24_200);
  });

  it("reads a browser run's stdout lines with the worker's line", () => {
    const run = parseLadder([
      'one step costs (median of 5 runs):',
      '  plain call                  0.9 ns',
      '  await of a resolved value   120.4 ns',
      '  MessageChannel hop          5.1 µs',
      '  setTimeout(0) hop           4.30 ms',
      '  worker round trip           31.0 µs  (dearer than a MessageChannel hop: yes)',
      'plain call < await: true',
    ])!;
    expect(run.rungs.map((r) => [r.id, r.medianNs])).toEqual([
      ['call', 0.9],
      ['await', 120.4],
      ['message', 5100],
      ['timeout', 4_300_000],
      ['worker', 31_000],
    ]);
  });

  it('gives undefined when the heading or every figure is gone', () => {
    expect(parseLadder('plain call 2 ns\n')).toBeUndefined();
    expect(
      parseLadder([
        'one step costs (median of 5 runs):',
        '  plain call: fast',
      ]),
    ).toBeUndefined();
    expect(parseLadder([])).toBeUndefined();
  });

  it('names unknown steps "other"', () => {
    expect(rungId('queueMicrotask hop')).toBe('other');
    expect(rungId('setImmediate hop')).toBe('immediate');
  });
});

describe('markup', () => {
  it('draws the recorded data with ranges and the full table', () => {
    const svg = ladderSvg(data.rungs, 'About.', 't', 'd', 'h');
    expect(svg).toContain('<title id="t">');
    expect(svg).toContain('plain call: 9.70 ns.');
    expect(svg.match(/class="range"/g)).toHaveLength(data.rungs.length);
    expect(svg).toContain('thin line: fastest to slowest run');
    expect(svg).toContain('<pattern id="h"');
    const table = ladderTableRows(data.rungs);
    expect(table).toContain(
      '<tr><th scope="row">plain call</th><td>9.70 ns</td><td>1.71 ns</td><td>45.6 ns</td><td>1,000,000</td></tr>',
    );
  });

  it("draws a reader's run: medians only, dashes in the table, text escaped", () => {
    const run = parseLadder([
      'one step costs (median of 5 runs):',
      '  plain <call>                2.0 ns',
      '  setTimeout(0) hop           40.00 ms',
    ])!;
    const svg = ladderSvg(
      run.rungs,
      aboutRun(run, 'ladder.ts', 'Ran in your browser (worker)'),
      't',
      'd',
      'h',
    );
    expect(svg).not.toContain('class="range"');
    expect(svg).not.toContain('thin line');
    expect(svg).toContain('plain &lt;call&gt;');
    expect(svg).toContain('run in your browser (worker)');
    // 40 ms is past the 10 ms axis: the bar stops at the edge, the label says the value.
    expect(svg).toMatch(
      /class="bar hatched" x="200" y="\d+" width="440.0"/,
    );
    expect(svg).toContain('40.0 ms');
    expect(ladderTableRows(run.rungs)).toContain(
      '<td>2.00 ns</td><td>—</td><td>—</td><td>—</td>',
    );
  });

  it('formats durations in the unit that suits them', () => {
    expect([show(9.7), show(6690), show(1_130_000)]).toEqual([
      '9.70 ns',
      '6.69 µs',
      '1.13 ms',
    ]);
  });
});

describe('events and words', () => {
  it('listens to the two ladder programs of its lesson only', () => {
    const id = 'when-async-is-not-worth-it';
    expect(isLadderSnippet(`${id}/ladder`, id)).toBe(true);
    expect(isLadderSnippet(`${id}/ladder-node`, id)).toBe(true);
    expect(isLadderSnippet(`${id}/cpu-stall`, id)).toBe(false);
    expect(isLadderSnippet('other/ladder', id)).toBe(false);
  });

  it('labels the source and says what happened in one sentence', () => {
    expect(ladderSourceLabel(undefined, 'Recorded')).toBe('Recorded');
    expect(ladderSourceLabel({ edited: true }, 'Recorded')).toBe(
      'Your run (edited code)',
    );
    const run = parseLadder(recorded('ladder'))!;
    const ok = { reason: 'finished', code: 0 };
    expect(ladderRunSentence('ladder.ts', ok, run)).toBe(
      'The chart now shows your run of ladder.ts: plain call 2.00 ns, await of a resolved value 86.3 ns, MessageChannel hop 6.80 µs, setTimeout(0) hop 1.10 ms.',
    );
    expect(ladderRunSentence('ladder.ts', ok, undefined)).toMatch(
      /printed no "one step costs" lines/,
    );
    expect(
      ladderRunSentence(
        'ladder.ts',
        { reason: 'stopped', code: 130 },
        undefined,
      ),
    ).toMatch(/did not finish \(stopped\)/);
  });
});
