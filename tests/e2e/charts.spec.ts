// Charts that redraw from the reader's run (issue 13): chapter 12's comparison of the five models
// and chapter 11's cost ladder are drawn at build time from recorded figures, and again in the
// page from the reader's own run of a snippet (the workbench's `snippet-run-finished` event),
// with the label, the table and the SVG's description following, and a toggle back.
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  editCode,
  readRun,
  runAndWait,
  snippet,
  setTimeLimit,
} from '../fixtures/runtime/e2e-helpers.ts';
import { parseModelReport } from '../../src/lessons/03-without-colours/12-one-service-five-models/models-chart.ts';
import {
  parseLadder,
  show,
} from '../../src/lessons/03-without-colours/11-when-async-is-not-worth-it/ladder-chart.ts';
import { violationsInBothThemes } from './axe.ts';

const CH12 = '/lessons/one-service-five-models/';
const CH11 = '/lessons/when-async-is-not-worth-it/';

/** Replaces `from` by `to` in a snippet's code (the whole program, through the editor). */
async function editProgram(page: Page, figure: Locator, from: string, to: string) {
  const code = (await figure.locator('.snippet-code pre').textContent()) ?? '';
  expect(code).toContain(from);
  await editCode(page, figure, code.replace(from, to));
}

/**
 * The table row of one model (the text twin), cell by cell. By its header's exact text: the
 * table may sit in a closed <details>, where role-based queries would not see it.
 */
async function rowOf(chart: Locator, model: string): Promise<string[]> {
  const name = new RegExp(`^${model.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  const row = chart
    .locator('tbody tr')
    .filter({ has: chart.page().locator('th', { hasText: name }) });
  return row.locator('td').allTextContents();
}

test.describe('chapter 12: the models chart', () => {
  test.setTimeout(90_000);

  test("an edited load redraws the chart, the table and the label from the reader's run; the toggle goes back", async ({
    page,
  }) => {
    await page.goto(CH12);
    const chart = page.locator('[data-models-chart]');
    const label = chart.locator('[data-source-label]');
    const toggle = chart.getByRole('button', { name: 'Show the recorded figures' });
    await expect(label).toHaveText('Recorded on Node 24 in CI');
    await expect(toggle).toBeHidden();
    const recordedRow = await rowOf(chart, 'async/await');
    expect(recordedRow.slice(0, 2)).toEqual(['100/100', '199.9']);

    const figure = snippet(page, 'one-service-five-models/aio');
    await setTimeLimit(figure, 60_000);
    await editProgram(page, figure, 'clients: 100,', 'clients: 40,');
    const run = await runAndWait(figure, 60_000);
    expect(run.code).toBe('0');
    const mine = parseModelReport(run.stdout.split('\n'));
    expect(mine, run.stdout).toBeDefined();
    expect(mine!.served).toBe('40/40');

    // The label, the live sentence, the table row and the SVG's bars and description follow.
    await expect(label).toHaveText(
      'Your run (edited code): async/await; the other 4 models: recorded on Node 24 in CI',
    );
    await expect(chart.getByRole('status')).toContainText(
      'The chart now shows your run of aio.ts for async/await (load: seed 1, 40 clients',
    );
    await expect
      .poll(() => rowOf(chart, 'async/await'))
      .toEqual([
        '40/40',
        mine!.rps.toFixed(1),
        `${mine!.p50.toFixed(1)} ms`,
        `${mine!.p99.toFixed(1)} ms`,
        `${mine!.peak.toFixed(1)} MiB`,
        String(mine!.switches),
        String(mine!.syscalls),
        'your run (edited code)',
      ]);
    expect((await rowOf(chart, 'threads')).at(-1)).toBe('recorded on Node 24 in CI');
    const svg = chart.getByRole('img');
    await expect(svg.locator('text.label', { hasText: 'async/await *' })).toHaveCount(6);
    await expect(svg.locator('rect.bar-mine')).toHaveCount(6);
    await expect(svg.locator('desc')).toContainText(`async/await ${mine!.rps.toFixed(1)}/s`);
    await expect(svg.locator('desc')).toContainText('Not one load');
    await expect(chart.locator('[data-legend]')).toBeVisible();

    // Back to the recorded figures, and forward again.
    await toggle.click();
    await expect(label).toHaveText('Recorded on Node 24 in CI');
    await expect.poll(() => rowOf(chart, 'async/await')).toEqual(recordedRow);
    await expect(svg.locator('rect.bar-mine')).toHaveCount(0);
    const again = chart.getByRole('button', { name: 'Show your figures' });
    await again.click();
    await expect(label).toContainText('Your run (edited code)');
    expect((await rowOf(chart, 'async/await'))[0]).toBe('40/40');
  });

  test('output the chart cannot read: one sentence, and the chart keeps its figures', async ({
    page,
  }) => {
    await page.goto(CH12);
    const chart = page.locator('[data-models-chart]');
    const figure = snippet(page, 'one-service-five-models/aio');
    await setTimeLimit(figure, 60_000);
    await editProgram(
      page,
      figure,
      '`aio | ${done}/${LOAD.clients} clients | `',
      '`aio served ${done} | `',
    );
    const run = await runAndWait(figure, 60_000);
    expect(run.code).toBe('0');
    await expect(chart.getByRole('status')).toHaveText(
      "Your run of aio.ts printed no report line in the chart's format, so the chart keeps its figures for async/await.",
    );
    await expect(chart.locator('[data-source-label]')).toHaveText('Recorded on Node 24 in CI');
    expect((await rowOf(chart, 'async/await')).slice(0, 2)).toEqual(['100/100', '199.9']);
    await expect(chart.getByRole('button', { name: 'Show the recorded figures' })).toBeHidden();
  });

  test("axe: the chart showing the reader's run has no serious violations (both themes)", async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(CH12);
    const figure = snippet(page, 'one-service-five-models/reactor');
    await setTimeLimit(figure, 60_000);
    await editProgram(page, figure, 'slow: 10,', 'slow: 20,');
    await runAndWait(figure, 60_000);
    const chart = page.locator('[data-models-chart]');
    await expect(chart.locator('[data-source-label]')).toContainText('Your run (edited code)');
    await chart.locator('details summary').click();
    expect(await violationsInBothThemes(page, '[data-models-chart]')).toEqual({
      light: [],
      dark: [],
    });
  });
});

test.describe('chapter 11: the cost ladder', () => {
  test.setTimeout(90_000);

  test("running ladder.ts redraws the ladder from the reader's medians", async ({ page }) => {
    await page.goto(CH11);
    const chart = page.locator('[data-ladder-chart]');
    const label = chart.locator('[data-source-label]');
    await expect(label).toHaveText(/^Recorded by measure-ladder\.ts on /);
    await expect(chart.locator('.range')).not.toHaveCount(0);

    const figure = snippet(page, 'when-async-is-not-worth-it/ladder');
    await setTimeLimit(figure, 60_000);
    await runAndWait(figure, 60_000);
    const run = await readRun(figure);
    const mine = parseLadder(run.stdout.split('\n'));
    expect(mine, run.stdout).toBeDefined();

    await expect(label).toHaveText('Your run (the lesson’s code)');
    await expect(chart.getByRole('status')).toContainText(
      'The chart now shows your run of ladder.ts',
    );
    const rows = chart.locator('tbody tr');
    await expect(rows).toHaveCount(mine!.rungs.length);
    for (const [i, r] of mine!.rungs.entries()) {
      await expect(rows.nth(i).locator('th')).toHaveText(r.label);
      await expect(rows.nth(i).locator('td')).toHaveText([show(r.medianNs), '—', '—', '—']);
    }
    // Medians only: no fastest-to-slowest lines, and the description says whose figures these are.
    await expect(chart.locator('.range')).toHaveCount(0);
    await expect(chart.locator('desc')).toContainText('Your run of ladder.ts (median of 5 runs)');

    await chart.getByRole('button', { name: 'Show the recorded figures' }).click();
    await expect(label).toHaveText(/^Recorded by measure-ladder\.ts on /);
    await expect(chart.locator('.range')).not.toHaveCount(0);
  });
});
