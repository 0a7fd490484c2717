// Grading across schedules (issue 15, item 4): a pool whose workers each own a queue (dealt
// round-robin) serves the chapter's crowd correctly, so it passes seed 1, but a worker stuck
// with a thinking client holds up the clients dealt to it: the seeded check fails under a later
// seed. The result names that seed, and "Run this seed" runs that check alone under it and
// opens the timeline of that run. Axe holds the open view in both themes (in the same test: the
// Check and the seed run are built once).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { violationsInBothThemes } from './axe.ts';

const LESSON = '/lessons/threads-and-their-price/';
const ID = 'threads-and-their-price/bounded-pool';
const SOLUTION = readFileSync(
  'src/lessons/01-kernels-view/02-threads-and-their-price/exercises/bounded-pool/solution.ts',
  'utf8',
);

/** The reference solution with one shared queue replaced by a queue per worker. */
const ROUND_ROBIN = SOLUTION.slice(0, SOLUTION.indexOf('  const jobs'))
  .concat(`  const queues = Array.from({ length: workers }, () => k.queue<number>());
  queues.forEach((jobs, w) => {
    k.spawn(
      function* (sys) {
        for (;;) {
          const conn = yield* sys.get(jobs);
          if (conn < 0) return;
          yield* handle(sys, conn);
        }
      },
      { name: \`worker\${w + 1}\` },
    );
  });
  for (let i = 0; i < connections; i++) k.put(queues[i % workers]!, k.accept(listener));
  for (const jobs of queues) k.put(jobs, -1);
  k.run();
}
`);

async function checkRoundRobin(page: Page): Promise<Locator> {
  await page.addInitScript(
    ([key, code]) => localStorage.setItem(key!, JSON.stringify({ code, base: '' })),
    [`async-io:edit:exercise:${ID}`, ROUND_ROBIN],
  );
  await page.goto(LESSON);
  const panel = page.locator(`[data-exercise-id="${ID}"].exercise-panel`);
  await panel.getByRole('button', { name: 'Check', exact: true }).click();
  const summary = panel.locator('[data-part="summary"]');
  await expect(summary).not.toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  return panel;
}

async function runSeed(panel: Locator): Promise<{ result: Locator; seed: string }> {
  const result = panel.locator('.result.fail');
  await expect(result).toHaveCount(1);
  const seed = (await result.getAttribute('data-seed')) ?? '';
  expect(Number(seed)).toBeGreaterThan(1); // seed 1, the chapter's crowd, passes
  await expect(result.locator('.seeds')).toHaveText(
    new RegExp(`^Failed under seed ${seed} \\(passed seeds? 1`),
  );
  const button = result.getByRole('button', { name: `Run this seed: seed ${seed} of` });
  await button.click();
  await expect(result.locator('.seed-status')).toHaveText(
    new RegExp(`^Seed ${seed} again: ✗ Failed: latencies \\(ms\\), in arrival order`),
    { timeout: 60_000 },
  );
  return { result, seed };
}

test('a check that fails under one seed names it, and Run this seed opens that run’s timeline (axe in both themes)', async ({
  page,
}) => {
  test.setTimeout(120_000); // two Checks' worth of runs, then axe over a long lesson page
  await page.emulateMedia({ colorScheme: 'light' });
  const panel = await checkRoundRobin(page);
  await expect(panel.locator('[data-part="summary"]')).toHaveText(/^\d+ passed, 1 failed$/);
  const { result, seed } = await runSeed(panel);
  const view = result.locator('section.tl');
  await expect(
    view.getByRole('heading', { name: new RegExp(`^Timeline of .* under seed ${seed}$`) }),
  ).toBeVisible();
  // That run's kernel, and only it: main, the three workers and the twelve clients.
  await expect(view.locator('.tl-summary')).toHaveText(/^Kernel 1: [\d,]+ events, 16 actors,/);
  await expect(view.getByText('worker3').first()).toBeAttached();
  await expect(panel.locator('[data-part="live"]')).toContainText(`Seed ${seed} again: ✗ Failed`);
  // The view steps through that run with the keyboard.
  const status = view.locator('.tl-current');
  const before = await status.textContent();
  await view.getByRole('button', { name: 'Step forward' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).not.toHaveText(before ?? '');
  // The failing result with its open timeline, in both themes.
  expect(
    await violationsInBothThemes(page, `[data-exercise-id="${ID}"].exercise-panel .result.fail`),
  ).toEqual({ light: [], dark: [] });
});

test('after a whole Check, the timeline of every kernel the checks ran on opens and closes', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const panel = await checkRoundRobin(page);
  const button = panel.getByRole('button', { name: 'Timeline of this Check' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.locator('.check-timeline .seed-help')).toHaveText(
    /^the \d+ kernels your code ran on during the checks/,
  );
  await button.click();
  const view = panel.locator('.check-timeline section.tl');
  await expect(view.getByRole('heading', { name: /the kit runs of this Check/ })).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await button.click();
  await expect(view).toHaveCount(0);
});
