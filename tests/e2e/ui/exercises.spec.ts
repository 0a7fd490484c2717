import { expect, test, type Page } from '@playwright/test';
import { violationsInBothThemes } from '../axe.ts';

// Runs against the fixture course (tests/fixtures/site): its text is the test's, not a chapter's.
const LESSON = '/lessons/ui-fixture/';
const CODE = 'ui-fixture/squares';
const PREDICT = 'ui-fixture/predict-order';
const NODE_PREDICT = 'ui-fixture/predict-node';

const panel = (page: Page, id: string) => page.locator(`[data-exercise-id="${id}"].exercise-panel`);

async function check(page: Page, id: string) {
  const p = panel(page, id);
  await p.getByRole('button', { name: 'Check', exact: true }).click();
  const summary = p.locator('[data-part="summary"]');
  await expect(summary).not.toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  return p;
}

test('a starter fails, naming the failing check, with expected vs actual and a live announcement', async ({
  page,
}) => {
  await page.goto(LESSON);
  const p = await check(page, CODE);
  await expect(p.locator('[data-part="summary"]')).toHaveText(/^\d+ passed, [1-9]\d* failed$/);
  await expect(p.locator('[data-part="runtime"]')).toHaveText('Ran in your browser (worker)');
  const first = p.locator('.result.first-failure');
  await expect(first).toHaveCount(1);
  await expect(first).toContainText('First failure');
  await expect(first).toContainText('squares returns every square, in order');
  await expect(first.locator('dt')).toHaveText(['Expected', 'Actual']);
  await expect(first.locator('dd').last()).toHaveText('[]');
  await expect(p.getByRole('status')).toContainText(
    /failed\. First failure: squares returns every square, in order/,
  );
  await expect(p.getByRole('log', { name: 'Output of your code' })).toBeAttached();
});

test('the solution passes after loading it; the pass and the code survive a reload', async ({
  page,
}) => {
  await page.goto(LESSON);
  const p = panel(page, CODE);
  // Before any Check, the solution asks for confirmation first.
  await p.getByRole('button', { name: 'Show solution' }).click();
  await expect(p.getByRole('button', { name: 'Yes, show it' })).toBeFocused();
  await p.getByRole('button', { name: 'Yes, show it' }).click();
  const solution = p.getByRole('region', { name: 'Solution' });
  await expect(solution.getByLabel('Reference solution')).toContainText('xs.map');
  await expect(solution.getByLabel('Your code')).toContainText('Your code here');
  await p.getByRole('button', { name: 'Load the solution into the editor' }).click();
  await expect(p.locator('.cm-content')).toContainText('xs.map');
  // The comparison's own side follows the editor: it is the solution now, not the starter.
  await expect(solution.getByLabel('Your code')).toContainText('xs.map');
  await expect(solution.getByLabel('Your code')).not.toContainText('Your code here');
  await check(page, CODE);
  await expect(p.locator('[data-part="summary"]')).toHaveText('5 passed, 0 failed');
  await expect(p.locator('.result.fail')).toHaveCount(0);
  await expect(p.locator('[data-part="badge"]')).toHaveText(/^✓ Passed on /);
  await page.reload();
  await expect(panel(page, CODE).locator('[data-part="badge"]')).toHaveText(/^✓ Passed on /);
  await expect(panel(page, CODE).locator('.cm-content')).toContainText('xs.map');
  // Reset brings the starter back.
  await panel(page, CODE).getByRole('button', { name: 'Reset' }).click();
  await expect(panel(page, CODE).locator('.cm-content')).toContainText('Your code here');
});

test('the solution opens without asking after a Check; hints come one at a time', async ({
  page,
}) => {
  await page.goto(LESSON);
  const p = await check(page, CODE);
  await p.getByRole('button', { name: 'Show solution' }).click();
  await expect(p.getByRole('region', { name: 'Solution' })).toBeVisible();
  await expect(p.getByRole('button', { name: 'Show solution' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  const hints = p.getByRole('list', { name: 'Hints' }).getByRole('listitem');
  const hint = p.getByRole('button', { name: 'Hint' });
  await hint.click();
  await expect(hints).toHaveCount(1);
  await expect(p.getByRole('status')).toContainText('Hint 1 of 3');
  await hint.press('Enter');
  await hint.press('Enter');
  await expect(hints).toHaveCount(3);
  await expect(hint).toHaveAttribute('aria-disabled', 'true');
  await expect(p.locator('[data-part="hint-count"]')).toHaveText('3 of 3 hints shown');
});

test('a predict exercise grades the prediction and shows the first diverging line', async ({
  page,
}) => {
  await page.goto(LESSON);
  const p = panel(page, PREDICT);
  const box = p.getByRole('textbox', { name: /Your prediction/ });
  await box.fill('script starts\nscript ends\ntimer callback\npromise callback');
  await check(page, PREDICT);
  const summary = p.locator('[data-part="summary"]');
  await expect(summary).toContainText('at line 3: you predicted “timer callback”');
  await expect(p.locator('[data-part="runtime"]')).toHaveText('Ran in your browser (worker)');
  await expect(p.locator('tr.first-failure td').first()).toHaveText('3');
  await box.fill('script starts\nscript ends\npromise callback\ntimer callback\n');
  await check(page, PREDICT);
  await expect(summary).toHaveText('Correct: all 4 lines match the real run.');
  await expect(p.locator('[data-part="badge"]')).toBeVisible();
});

test('a Node predict exercise falls back to the recorded output, labelled as recorded', async ({
  page,
}) => {
  // As on a host without COOP/COEP headers (GitHub Pages): WebContainer says it cannot run.
  await page.addInitScript(() =>
    Object.defineProperty(globalThis, 'crossOriginIsolated', { get: () => false }),
  );
  await page.goto(LESSON);
  const id = NODE_PREDICT;
  await panel(page, id)
    .getByRole('textbox', { name: /Your prediction/ })
    .fill('nothing');
  await check(page, id);
  await expect(panel(page, id).locator('[data-part="runtime"]')).toHaveText(
    /^Recorded on Node\.js 24 in CI \(not run here: /,
  );
  await expect(panel(page, id).locator('[data-part="summary"]')).toContainText('at line 1');
});

test('the editor arriving while the static code has the focus keeps the focus in the code', async ({
  page,
}) => {
  // The editor loads when the panel comes near the screen; hold its script back until the
  // reader's focus is on the static code, as a keyboard reader's Tab can put it there first.
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/editor\.[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(LESSON);
  const p = panel(page, CODE);
  await p.locator('[data-part="code"] pre').focus();
  release();
  await expect(p.locator('.cm-content')).toBeFocused();
  await expect(p.locator('[data-part="code"] pre')).toHaveCount(0);
});

test('a syntax error in the learner’s code is shown with its line, and no check runs', async ({
  page,
}) => {
  await page.goto(LESSON);
  const p = panel(page, CODE);
  // Enter on the static code opens the editor (it loads when needed).
  await p.locator('[data-part="code"] pre').press('Enter');
  await expect(p.locator('.cm-content')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('export function squares(\n  {');
  await page.keyboard.press('ControlOrMeta+Enter'); // Ctrl+Enter in the editor checks
  await expect(p.locator('[data-part="summary"]')).toHaveText(
    /^0 passed, 0 failed\. Your code has a syntax error/,
    { timeout: 30_000 },
  );
  await expect(p.getByRole('log', { name: 'Output of your code' })).toContainText(
    /SyntaxError.*\(your code, line \d+\)/,
  );
});

test('a Check of code that never returns can be stopped, and says it was', async ({ page }) => {
  await page.goto(LESSON);
  const p = panel(page, CODE);
  const stop = p.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toBeHidden();
  await p.locator('[data-part="code"] pre').press('Enter');
  await expect(p.locator('.cm-content')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('while (true) {}\nexport function squares() { return []; }');
  await p.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(stop).toBeVisible();
  await stop.click();
  await expect(p.locator('[data-part="summary"]')).toHaveText(
    /^0 passed, 0 failed\. You stopped the checks before they finished\./,
    { timeout: 30_000 },
  );
  await expect(stop).toBeHidden();
  await expect(p.getByRole('button', { name: 'Check', exact: true })).toBeFocused();
});

test('axe: open panels (results, hints, solution, comparison) have no serious violations (both themes)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(LESSON);
  const p = await check(page, CODE);
  await p.getByRole('button', { name: 'Hint' }).click();
  await p.getByRole('button', { name: 'Show solution' }).click();
  await panel(page, PREDICT)
    .getByRole('textbox', { name: /Your prediction/ })
    .fill('a\nb');
  await check(page, PREDICT);
  expect(await violationsInBothThemes(page, '.exercise')).toEqual({ light: [], dark: [] });
});
