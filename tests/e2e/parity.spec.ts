import { expect, test } from '@playwright/test';
import { normalizeOutput } from '../../src/course/snippet-source.ts';
import {
  builtSnippets,
  runAndWait,
  snippet,
  setTimeLimit,
} from '../fixtures/runtime/e2e-helpers.ts';

const browser = builtSnippets().filter((s) => s.runtime === 'browser');
const lessons = [...new Set(browser.map((s) => s.path))];

test('the course has browser snippets', () => {
  expect(browser.length).toBeGreaterThan(20);
});

// Parity: every browser-runnable snippet of the course prints in the page exactly what it printed
// on Node. One test per lesson page (one page load for all its snippets); each snippet is a step,
// and a mismatch is a soft failure naming the snippet, so one bad snippet does not hide the others.
for (const path of lessons) {
  const here = browser.filter((s) => s.path === path);
  test(`parity: the ${here.length} browser snippets of ${path} print what they printed on Node`, async ({
    page,
  }) => {
    // CPU-heavy lesson programs can take several seconds each on a loaded CI machine.
    test.setTimeout(30_000 + here.length * 60_000);
    await page.goto(path);
    for (const s of here) {
      await test.step(s.id, async () => {
        const figure = snippet(page, s.id);
        await setTimeLimit(figure, 60_000);
        const run = await runAndWait(figure, 60_000);
        const rules = (
          JSON.parse((await figure.getAttribute('data-normalize')) ?? '[]') as {
            source: string;
            flags: string;
            replacement: string;
          }[]
        ).map((r) => ({ pattern: new RegExp(r.source, r.flags), replacement: r.replacement }));
        const recorded = (await figure.locator('[data-recorded] pre').textContent()) ?? '';
        expect.soft(run.label, `${s.id}: runtime`).toBe('Ran in your browser (worker)');
        expect
          .soft(normalizeOutput(`${run.stdout}\n`, rules), `${s.id}: output`)
          .toBe(normalizeOutput(recorded, rules));
        expect.soft(run.code, `${s.id}: exit status`).toBe(await figure.getAttribute('data-exit'));
      });
    }
  });
}
