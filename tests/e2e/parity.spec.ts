import { expect, test } from '@playwright/test';
import { normalizeOutput } from '../../src/course/snippet-source.ts';
import { builtSnippets, runAndWait, snippet } from '../fixtures/runtime/e2e-helpers.ts';

const all = builtSnippets();
const browser = all.filter((s) => s.runtime === 'browser');

// Parity: every browser-runnable snippet of the course prints in the page exactly what it printed on Node.
for (const s of browser) {
  test(`parity: ${s.id} prints in the browser what it printed on Node`, async ({ page }) => {
    await page.goto(s.path);
    const figure = snippet(page, s.id);
    test.setTimeout(90_000);
    // CPU-heavy lesson programs can take several seconds on a loaded CI machine: a generous limit.
    await figure.evaluate((f: HTMLElement) => (f.dataset['timeLimitMs'] = '60000'));
    const run = await runAndWait(figure, 60_000);
    const rules = (
      JSON.parse((await figure.getAttribute('data-normalize')) ?? '[]') as {
        source: string;
        flags: string;
        replacement: string;
      }[]
    ).map((r) => ({ pattern: new RegExp(r.source, r.flags), replacement: r.replacement }));
    const recorded = (await figure.locator('[data-recorded] pre').textContent()) ?? '';
    expect(run.label).toBe('Ran in your browser (worker)');
    expect(normalizeOutput(`${run.stdout}\n`, rules)).toBe(normalizeOutput(recorded, rules));
    expect(run.code).toBe(await figure.getAttribute('data-exit'));
  });
}
