import { expect, test } from '@playwright/test';
import { normalizeOutput } from '../../src/course/snippet-source.ts';
import { builtSnippets, runAndWait, snippet } from '../fixtures/runtime/e2e-helpers.ts';

// Boots the real WebContainer, which loads its engine from stackblitz.com. This machine has no
// route there, so the test is opt-in: WEBCONTAINER_E2E=1 npx playwright test runtime-webcontainer
const enabled = process.env.WEBCONTAINER_E2E === '1';
const node = builtSnippets().filter((s) => s.runtime === 'node');
if (!enabled) {
  console.log(
    'runtime-webcontainer.spec.ts: SKIPPED — set WEBCONTAINER_E2E=1 to boot the real WebContainer',
  );
}

test.describe('real WebContainer (opt-in)', () => {
  test.skip(
    !enabled,
    'SKIPPED: set WEBCONTAINER_E2E=1 to boot the real WebContainer (needs network access to stackblitz.com)',
  );
  test.setTimeout(120_000);

  for (const s of node) {
    test(`${s.id} runs on Node.js in WebContainer and matches its recording`, async ({ page }) => {
      await page.goto(s.path);
      const figure = snippet(page, s.id);
      const run = await runAndWait(figure, 90_000);
      expect(run.label).toBe('Ran on Node.js in WebContainer');
      // A real run leaves the figure's recording on show, to compare with (only the offline
      // fallback takes its place: offline.spec.ts).
      await expect(figure.locator('[data-recorded]')).toBeVisible();
      const rules = (
        JSON.parse((await figure.getAttribute('data-normalize')) ?? '[]') as {
          source: string;
          flags: string;
          replacement: string;
        }[]
      ).map((r) => ({ pattern: new RegExp(r.source, r.flags), replacement: r.replacement }));
      const recorded = (await figure.locator('[data-recorded] pre').textContent()) ?? '';
      expect(normalizeOutput(`${run.stdout}\n`, rules)).toBe(normalizeOutput(recorded, rules));
      // Reset runtime tears down and the next run boots again.
      await figure.getByRole('button', { name: 'Reset runtime' }).click();
      expect((await runAndWait(figure, 90_000)).label).toBe('Ran on Node.js in WebContainer');
    });
  }
});
