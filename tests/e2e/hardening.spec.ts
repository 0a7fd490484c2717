// Hostile programs against the runtime and the checker (issue 17, items 1, 3, 4 and 8).
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  builtSnippets,
  editCode,
  readRun,
  runAndWait,
  snippet,
  setTimeLimit,
} from '../fixtures/runtime/e2e-helpers.ts';

const TARGET = 'non-blocking-sockets/three-answers';
const browser = builtSnippets().filter((s) => s.runtime === 'browser');
const target = browser.find((s) => s.id === TARGET) ?? browser[0];

const LESSON = '/lessons/waiting-is-the-job/';
const CODE = 'waiting-is-the-job/fetch-all';

/**
 * The output view draws at most 64 KiB of text per frame (`CHARS_PER_FRAME` in
 * src/components/workbench/output-view.ts), so that a flood never becomes one long task. The time
 * a frame takes is a speed figure, measured by `npm run bench`
 * (`runtime.output-flood.longest-task.ms`, budget 200 ms): a timed assertion here would fail on a
 * busy machine. What the test checks instead does not depend on the machine: no single task adds
 * more than a frame's worth of output text to the page (the last line of a frame may end past
 * the limit: a line is cut at 10,000 characters plus a note of how many were left out).
 */
const MAX_CHARS_PER_TASK = 64 * 1024 + 10_100;

/**
 * Fails the test on any page error, and measures the most output text (characters in
 * `.out-line` elements) that one task added to the page: mutation observers are called once
 * per task (at its microtask checkpoint) with everything that task changed.
 */
async function watch(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => {
    const w = window as unknown as { mostPerTask: number };
    w.mostPerTask = 0;
    new MutationObserver((records) => {
      let chars = 0;
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof HTMLElement && n.classList.contains('out-line'))
            chars += n.textContent?.length ?? 0;
      w.mostPerTask = Math.max(w.mostPerTask, chars);
    }).observe(document, { childList: true, subtree: true });
  });
  return {
    errors,
    mostPerTask: () =>
      page.evaluate(() => (window as unknown as { mostPerTask: number }).mostPerTask),
  };
}

async function open(page: Page): Promise<Locator> {
  expect(target, 'no browser-runnable snippet in the built site').toBeDefined();
  await page.goto(target!.path);
  return snippet(page, target!.id);
}

test.describe('output caps (item 1)', () => {
  test('one 50-million-character line is cut, and the page stays responsive', async ({ page }) => {
    const w = await watch(page);
    const figure = await open(page);
    await editCode(page, figure, "console.log('x'.repeat(5e7));\nconsole.log('after');");
    const run = await runAndWait(figure, 30_000);
    expect(run.state).toBe('finished');
    const first = figure.locator('.out-stdout').first();
    await expect(first).toHaveText(/^x{10000}… 49,990,000 more characters$/);
    await expect(figure.locator('.out-stdout').last()).toHaveText('after');
    expect(await w.mostPerTask()).toBeLessThanOrEqual(MAX_CHARS_PER_TASK);
    expect(w.errors).toEqual([]);
  });

  test('a flood of long lines stops at the byte cap and says how many lines it dropped', async ({
    page,
  }) => {
    const w = await watch(page);
    const figure = await open(page);
    await editCode(page, figure, "for (let i = 0; i < 1000; i++) console.log('y'.repeat(9000));");
    const run = await runAndWait(figure, 30_000);
    const shown = await figure.locator('.out-stdout').allTextContents();
    expect(shown.reduce((n, t) => n + t.length + 1, 0)).toBeLessThanOrEqual(1_000_000);
    expect(run.statusText).toMatch(/more lines dropped/);
    expect(await w.mostPerTask()).toBeLessThanOrEqual(MAX_CHARS_PER_TASK);
    expect(w.errors).toEqual([]);
  });

  test('a huge error message is cut too', async ({ page }) => {
    const w = await watch(page);
    const figure = await open(page);
    await editCode(page, figure, "throw new Error('e'.repeat(5e6));");
    const run = await runAndWait(figure, 30_000);
    expect(run.stderr.length).toBeLessThan(50_000);
    expect(run.stderr).toMatch(/more characters/);
    expect(w.errors).toEqual([]);
  });
});

test.describe('forged worker messages (item 4)', () => {
  test('a program that posts exit, unavailable or junk is not believed', async ({ page }) => {
    const w = await watch(page);
    const figure = await open(page);
    await editCode(
      page,
      figure,
      [
        "postMessage({ type: 'done', code: 0 });",
        "postMessage({ type: 'exit', code: 0, reason: 'finished', durationMs: 0 });",
        "postMessage({ type: 'unavailable', reason: 'forged' });",
        "postMessage({ type: 'output', lines: 'nope', dropped: -1 });",
        'postMessage(null);',
        "setTimeout(() => console.log('still here'), 300);",
      ].join('\n'),
    );
    const run = await runAndWait(figure);
    expect(run.stdout).toBe('still here'); // the run went on to its real end
    expect(run.state).toBe('finished');
    expect(run.label).toBe('Ran in your browser (worker)'); // no recorded output swapped in
    expect(w.errors).toEqual([]);
  });

  test('patching MessagePort.prototype.postMessage does not reach the runtime channel', async ({
    page,
  }) => {
    const w = await watch(page);
    const figure = await open(page);
    await editCode(
      page,
      figure,
      [
        'MessagePort.prototype.postMessage = function () {};',
        'Reflect.apply = () => undefined;',
        "console.log('visible');",
      ].join('\n'),
    );
    const run = await runAndWait(figure);
    expect(run.stdout).toBe('visible');
    expect(run.state).toBe('finished');
    expect(w.errors).toEqual([]);
  });
});

test.describe('honest checks (item 3)', () => {
  async function checkWith(page: Page, code: string) {
    await page.goto(LESSON);
    const p = page.locator(`[data-exercise-id="${CODE}"].exercise-panel`);
    const editor = p.locator('.cm-content');
    // The editor replaces the static code when the panel comes near the screen, or at the first
    // click into the code: click the code's box, which stays (its <pre> may be replaced between
    // Playwright's scroll and its click).
    await p.locator('[data-part="code"]').click();
    await expect(editor).toBeFocused();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(code);
    await p.getByRole('button', { name: 'Check', exact: true }).click();
    const summary = p.locator('[data-part="summary"]');
    await expect(summary).not.toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    return p;
  }
  const MARK = '\\u241E\\u241Fcheck ';

  test('printed report lines and posted messages do not pass a wrong solution', async ({
    page,
  }) => {
    const w = await watch(page);
    const result = (name: string) =>
      `console.log('${MARK}' + JSON.stringify({ type: 'result', result: { name: ${JSON.stringify(name)}, passed: true, ms: 0 } }));`;
    const p = await checkWith(
      page,
      [
        'export async function fetchInOrder() { return []; }',
        'export async function fetchAll() { return []; }',
        result('fetchInOrder returns every reply, in order'),
        `console.log('${MARK}' + JSON.stringify({ type: 'report', count: 1, report: { results: [], passed: 5, failed: 0 } }));`,
        "postMessage({ type: 'check', key: 'guess', text: '{}' });",
        "postMessage({ type: 'done', code: 0 });",
      ].join('\n'),
    );
    await expect(p.locator('[data-part="summary"]')).toHaveText(/[1-9]\d* failed$/);
    await expect(p.locator('[data-part="badge"]')).not.toHaveText(/Passed/);
    expect(w.errors).toEqual([]);
  });

  test('the solution that leaves an interval running does not pass', async ({ page }) => {
    const w = await watch(page);
    await page.goto(LESSON);
    const data = await page
      .locator(`[data-exercise-id="${CODE}"].exercise-panel script[data-part="data"]`)
      .textContent();
    const solution = (JSON.parse(data ?? '{}') as { solution?: string }).solution;
    expect(solution, 'the exercise embeds its solution').toBeTruthy();
    const p = await checkWith(page, `${solution}\nsetInterval(() => {}, 1000);`);
    await expect(p.locator('[data-part="badge"]')).not.toHaveText(/Passed/);
    await expect(p).toContainText(/still running at the time limit/);
    expect(w.errors).toEqual([]);
  });
});

test.describe('one live run per snippet (item 8)', () => {
  test('rapid Run clicks start one worker and Stop ends it', async ({ page }) => {
    const w = await watch(page);
    // Workers alive right now: each new Run ends the one before, so however many were started,
    // at most the current run and one spare prepared for the next run are alive.
    const live = new Set<object>();
    page.on('worker', (wk) => {
      live.add(wk);
      wk.on('close', () => live.delete(wk));
    });
    const figure = await open(page);
    await editCode(page, figure, 'while (true) {}');
    // A 4 s time limit: an orphaned run would report reaching it 4 s on, not 10 (and Stop, half
    // a second after the clicks, comes well before it even on a loaded machine).
    await setTimeLimit(figure, 4_000);
    const run = figure.getByRole('button', { name: 'Run', exact: true });
    for (let i = 0; i < 5; i++) await run.click({ delay: 0 });
    await page.waitForTimeout(500);
    await figure.getByRole('button', { name: 'Stop' }).click();
    await expect(figure.locator('.run-status')).toHaveAttribute('data-state', 'stopped');
    await expect(figure.getByRole('button', { name: 'Stop' })).toBeDisabled();
    // After Stop no run is alive: at most the spare worker remains.
    await expect.poll(() => live.size).toBeLessThanOrEqual(1);
    // Nothing arrives later from an orphaned run (no time-limit report 4 s on).
    await page.waitForTimeout(5_000);
    expect((await readRun(figure)).state).toBe('stopped');
    expect(w.errors).toEqual([]);
  });

  test('a worker script that cannot load ends with that reason, not a time-out', async ({
    page,
  }) => {
    const w = await watch(page);
    await page.route(/worker-main.*\.js/, (route) => route.abort());
    const figure = await open(page);
    const t0 = Date.now();
    const run = await runAndWait(figure, 15_000);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(run.state).toBe('crashed');
    expect(run.stderr).toMatch(/could not load the runner script/);
    expect(w.errors).toEqual([]);
  });
});
