// The run's timeline (issue 15, items 1–2): run a kit program in the workbench, open the
// timeline, step through its events with the keyboard, read the same event in the table, and
// hold the open view to axe in both themes.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { builtSnippets, editCode, runAndWait, snippet } from '../fixtures/runtime/e2e-helpers.ts';
import { seriousViolations } from './axe.ts';

const browser = builtSnippets().filter((s) => s.runtime === 'browser');
const target = browser.find((s) => s.id === 'non-blocking-sockets/three-answers') ?? browser[0];

/** A blocking echo server and one slow client: main blocks in accept, then in recv. */
const PROGRAM = `import { Kernel } from '#kit';
const k = new Kernel();
const s = k.socket();
k.bind(s, 8080);
k.listen(s);
k.clients(8080, [{ at: 10, send: ['hi'], readDelay: 50 }]);
const c = k.accept(s);
for (let d = k.recv(c, 1024); d !== ''; d = k.recv(c, 1024)) k.sendall(c, d);
k.close(c);
console.log('served');
`;

async function runAndOpen(page: Page): Promise<{ figure: Locator; view: Locator }> {
  expect(target, 'no browser-runnable snippet in the built site').toBeDefined();
  await page.goto(target!.path);
  const figure = snippet(page, target!.id);
  await editCode(page, figure, PROGRAM);
  const run = await runAndWait(figure);
  expect(run.stdout).toBe('served');
  const toggle = figure.getByRole('button', { name: 'Timeline' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const view = figure.locator('section.tl');
  await expect(view.getByRole('heading', { name: /^Timeline of / })).toBeVisible();
  return { figure, view };
}

test.describe('timeline', () => {
  test('lanes per actor, keyboard stepping, and the same event in the table', async ({ page }) => {
    const { view } = await runAndOpen(page);
    // One lane per actor: main and the scripted client, with states drawn as patterns.
    await expect(view.locator('.tl-name')).toHaveText(['main', 'client1']);
    await expect(view.locator('.tl-s-blocked').first()).toBeAttached();
    const lanes = view.getByRole('group', { name: 'Lanes' });
    const status = view.getByRole('status');
    await expect(status).toContainText('Event 1 of');
    await expect(status).toContainText('0.001 ms · main · socket · fd 3');

    await lanes.focus();
    await page.keyboard.press('ArrowRight');
    await expect(status).toContainText('Event 2 of');
    await expect(status).toContainText('0.002 ms · main · bind · fd 3 · localhost:8080');
    await page.keyboard.press('ArrowLeft');
    await expect(status).toContainText('Event 1 of');

    // Step forward to the moment main blocks in recv.
    for (let i = 0; i < 20 && !((await status.textContent()) ?? '').includes('· block ·'); i++)
      await page.keyboard.press('ArrowRight');
    await expect(status).toContainText(
      '10.003 ms · main · block · fd 4 · recv: waiting for data · then blocked in recv on fd 4',
    );
    // The table shows the same event as the current row.
    const row = view.locator('tbody tr[aria-current="true"]');
    await expect(row.locator('td')).toHaveText([
      /^\d+/,
      '10.003',
      'main',
      'block',
      '4',
      'recv: waiting for data',
    ]);

    // The buttons step too; End and Home go to the last and first events.
    await view.getByRole('button', { name: 'Step back' }).click();
    await expect(status).not.toContainText('· block ·');
    await lanes.focus();
    await page.keyboard.press('End');
    await expect(status).toContainText('main · close · fd 4');
    await page.keyboard.press('Home');
    await expect(status).toContainText('Event 1 of');

    // Filtering by actor keeps only that actor's rows, and stepping stays within them.
    await view.getByLabel('Show events of').selectOption('client1');
    await expect(view.locator('tbody tr td:nth-child(3)')).toHaveText(
      Array(await view.locator('tbody tr').count()).fill('client1'),
    );
    await expect(status).toContainText('client1 · connect');
    await view.getByRole('button', { name: 'Step forward' }).click();
    await expect(status).toContainText('client1 · send');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe: the open timeline has no serious violations (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      const { view } = await runAndOpen(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(view).toBeVisible();
      expect(await seriousViolations(page, 'section.tl')).toEqual([]);
    });
  }

  test('reduced motion: the cursor does not animate', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const { view } = await runAndOpen(page);
    const transition = await view
      .locator('.tl-cursor')
      .evaluate((e) => getComputedStyle(e).transitionDuration);
    // The site's reduced-motion rule shortens every transition to 0.01 ms (global.css).
    expect(parseFloat(transition)).toBeLessThan(0.001);
  });
});
