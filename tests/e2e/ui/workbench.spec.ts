import { expect, test, type Page } from '@playwright/test';
import {
  builtSnippets,
  editCode,
  readRun,
  runAndWait,
  snippet,
} from '../../fixtures/runtime/e2e-helpers.ts';
import { violationsInBothThemes } from '../axe.ts';

// Runs against the fixture course (tests/fixtures/site, built into dist-fixtures), whose snippets
// exist for these tests: editing a chapter never breaks them.
const all = builtSnippets(process.env.FIXTURE_DIST_DIR ?? 'dist-fixtures');
const browser = all.filter((s) => s.runtime === 'browser');
const node = all.filter((s) => s.runtime === 'node');

// A short snippet: CodeMirror renders only the visible lines of a long file, and these tests read
// the whole editor.
const TARGET = 'ui-fixture/hello';
const target = browser.find((s) => s.id === TARGET);
// If the fixture build lost it, fail rather than skip silently.
const needsTarget = () => expect(target, `no snippet ${TARGET} in the fixture build`).toBeDefined();

/** Opens the target snippet's page; with `code`, puts it in the snippet's editor. */
async function open(page: Page, code?: string) {
  await page.goto(target!.path);
  const figure = snippet(page, target!.id);
  if (code !== undefined) await editCode(page, figure, code);
  return figure;
}

test.describe('workbench', () => {
  test.beforeEach(needsTarget);

  test('edit and run; Ctrl+Enter runs; the output names its runtime, status and duration', async ({
    page,
  }) => {
    const figure = await open(
      page,
      "const n: number = 21;\nconsole.log('edited', n * 2);\nconsole.error('to stderr');",
    );
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(figure.locator('.run-status')).toHaveAttribute('data-state', 'finished');
    const run = await readRun(figure);
    expect(run.stdout).toBe('edited 42');
    expect(run.stderr).toBe('to stderr');
    expect(run.label).toBe('Ran in your browser (worker)');
    expect(run.statusText).toMatch(/^Exit status 0 · (\d+ ms|\d+\.\d\d s)$/);
    await expect(figure.getByRole('log', { name: /^Output of / })).toBeVisible();
  });

  test('late output from a 500 ms timer and a promise continuation is not lost', async ({
    page,
  }) => {
    const figure = await open(
      page,
      "setTimeout(() => console.log('late'), 500);\nawait new Promise((r) => setTimeout(r, 100));\nconsole.log('after await');\nPromise.resolve().then(() => console.log('then'));",
    );
    const run = await runAndWait(figure);
    expect(run.stdout).toBe('after await\nthen\nlate');
    // The status shows "N ms" below a second and "N.NN s" above it (a loaded machine gets there).
    const m = /([\d.]+) (ms|s)$/.exec(run.statusText);
    expect(m, run.statusText).not.toBeNull();
    expect(Number(m![1]) * (m![2] === 's' ? 1000 : 1)).toBeGreaterThanOrEqual(500);
  });

  test('a syntax error is reported with its line', async ({ page }) => {
    const figure = await open(page, 'const a = 1;\nconst b = ;\n');
    const run = await runAndWait(figure);
    expect(run.stderr).toContain('SyntaxError: Unexpected token');
    expect(run.stderr).toContain('line 2, column 11');
    expect(run.code).toBe('1');
  });

  test('an uncaught error is reported with its line and column in the TypeScript', async ({
    page,
  }) => {
    const figure = await open(
      page,
      "const label: string = 'boom';\nsetTimeout(() => {\n  throw new Error(label);\n}, 10);",
    );
    const run = await runAndWait(figure);
    expect(run.stderr).toContain('Uncaught Error: boom');
    expect(run.stderr).toMatch(/line 3, column 9/);
    expect(run.code).toBe('1');
  });

  test('what a program printed before it failed comes before the error, every time', async ({
    page,
  }) => {
    const figure = await open(
      page,
      "setTimeout(() => {\n  for (const w of ['a', 'b', 'c', 'd']) console.log(w);\n  throw new Error('last');\n}, 10);",
    );
    for (let i = 0; i < 3; i++) {
      await runAndWait(figure);
      const lines = await figure.getByRole('log').locator('.out-line').allTextContents();
      expect(lines.slice(0, 5).map((l) => l.replace(/ \(.*$/, ''))).toEqual([
        'a',
        'b',
        'c',
        'd',
        'Uncaught Error: last',
      ]);
    }
  });

  test('an unhandled rejection is reported', async ({ page }) => {
    const figure = await open(
      page,
      "async function fail(): Promise<void> {\n  throw new Error('nope');\n}\nfail();",
    );
    const run = await runAndWait(figure);
    expect(run.stderr).toContain('Unhandled promise rejection: Error: nope');
    expect(run.stderr).toContain('line 2');
  });

  test('bad input ends in a clear message: non-Error throws, process.exit, huge arrays', async ({
    page,
  }) => {
    const figure = await open(page, "throw 'plain string';");
    expect((await runAndWait(figure)).stderr).toContain("Uncaught 'plain string'");
    await editCode(page, figure, 'process.exit(3);');
    expect((await runAndWait(figure)).stderr).toContain('process exists only in Node.js');
    await editCode(page, figure, 'const a = new Array(2 ** 32);');
    expect((await runAndWait(figure)).stderr).toContain('RangeError');
  });

  test('Stop ends a running program', async ({ page }) => {
    const figure = await open(page, "setInterval(() => console.log('tick'), 50);");
    await figure.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(figure.locator('.out-stdout').first()).toHaveText('tick');
    await figure.getByRole('button', { name: 'Stop' }).click();
    await expect(figure.locator('.run-status')).toHaveAttribute('data-state', 'stopped');
    await expect(figure.locator('.run-status')).toContainText('Stopped by you');
    await expect(figure.getByRole('button', { name: 'Stop' })).toBeDisabled();
  });

  test('an infinite loop is stopped at once and the next run works', async ({ page }) => {
    const figure = await open(page, 'while (true) {}');
    await figure.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForTimeout(300);
    // A busy worker never reads a message, so Stop must end it from outside: the run is stopped
    // by the reader (not by the 10 s time limit) within the assertion's 5 s. No wall-clock
    // bound here: on a loaded machine a click alone can take a second.
    await figure.getByRole('button', { name: 'Stop' }).click();
    await expect(figure.locator('.run-status')).toHaveAttribute('data-state', 'stopped');
    await expect(figure.locator('.run-status')).toContainText('Stopped by you');
    await editCode(page, figure, "console.log('alive');");
    expect((await runAndWait(figure)).stdout).toBe('alive');
  });

  test('a while (true) console.log flood is capped and the page stays responsive', async ({
    page,
  }) => {
    const figure = await open(page, 'let i = 0;\nwhile (true) console.log(i++);');
    await figure.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(figure.locator('.out-stdout')).toHaveCount(5000, { timeout: 10_000 });
    // The page still answers while the flood goes on. How long it takes is a bench figure
    // (runtime.output-flood.longest-task.ms); tests/e2e/hardening.spec.ts checks that no task
    // draws more than a frame's worth of output.
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await figure.getByRole('button', { name: 'Stop' }).click();
    await expect(figure.locator('.run-status')).toContainText(/more lines dropped/);
    await expect(figure.locator('.out-stdout').last()).toHaveText('4999');
  });

  test('edits survive a reload and Reset restores the original', async ({ page }) => {
    const figure = await open(page);
    const original = await figure.locator('.snippet-code pre').textContent();
    await editCode(page, figure, "console.log('kept');");
    await figure.getByRole('button', { name: 'Run', exact: true }).click();
    await page.reload();
    await expect(figure.locator('.snippet-code pre')).toHaveText("console.log('kept');");
    await expect(figure.locator('.edit-note')).toHaveText(
      /Your edited version — Reset restores the original/,
    );
    expect((await runAndWait(figure)).stdout).toBe('kept');
    await figure.getByRole('button', { name: 'Reset' }).click();
    await expect(figure.locator('.snippet-code pre')).toHaveText(original!);
    await expect(figure.locator('.edit-note')).toBeHidden();
    await page.reload();
    await expect(figure.locator('.snippet-code pre')).toHaveText(original!);
  });

  test('Reset inside the editor restores the original', async ({ page }) => {
    const figure = await open(page);
    const original = await figure.locator('.snippet-code pre').textContent();
    await editCode(page, figure, 'changed');
    await figure.getByRole('button', { name: 'Reset' }).click();
    await expect(figure.locator('.cm-content')).toHaveText(original!.replace(/\n/g, ''));
  });

  test('keyboard: Enter opens the editor, Esc then Tab leaves it', async ({ page }) => {
    const figure = await open(page);
    await figure.locator('.snippet-code pre').focus();
    await page.keyboard.press('Enter');
    const editor = figure.locator('.cm-content');
    await expect(editor).toBeFocused();
    await page.keyboard.press('Tab'); // indents: Tab stays in the editor
    await expect(editor).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(editor).not.toBeFocused();
  });

  test('axe: no serious violations with the editor open and output shown (both themes)', async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    const figure = await open(page, "console.log('out');\nconsole.error('err');");
    await runAndWait(figure);
    expect(await violationsInBothThemes(page, `figure[data-snippet-id="${target!.id}"]`)).toEqual({
      light: [],
      dark: [],
    });
  });

  test('storage that throws does not break editing or running', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    });
    const figure = await open(page, "console.log('no storage');");
    expect((await runAndWait(figure)).stdout).toBe('no storage');
  });

  test('the editor is not loaded before the learner clicks into the code', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(target!.path);
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((u) => /editor|transpile|adapter|worker-main/.test(u))).toEqual([]);
  });
});

test.describe('Node snippets', () => {
  test.beforeEach(() => {
    expect(node.length, 'no Node-only snippet in the fixture build').toBeGreaterThan(0);
  });

  test('without WebContainer, a Node snippet shows its recorded output, labelled, with the reason', async ({
    page,
  }) => {
    test.skip(
      !!process.env.WEBCONTAINER_E2E,
      'WebContainer is reachable: runtime-webcontainer.spec.ts covers it',
    );
    const s = node[0]!;
    await page.goto(s.path);
    const figure = snippet(page, s.id);
    const run = await runAndWait(figure, 45_000);
    expect(run.state).toBe('recorded');
    expect(run.label).toMatch(/^Recorded on Node\.js 24 — .+\.$/);
    const recorded = (await figure.locator('[data-recorded] pre').textContent()) ?? '';
    expect(`${run.stdout}\n`).toBe(recorded);
  });
});
