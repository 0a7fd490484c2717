// Offline use and updates (issue 16, item 2): after a first visit the service worker serves every
// visited page with its assets, the search, the editor, the runner worker and the kit without a
// network; "Make available offline" saves the whole course, and "Remove offline copy" undoes it;
// a new deploy is announced by a prompt and applied only when the reader clicks Reload, leaving
// progress and saved edits (localStorage) as they were.
//
// Each test serves its own copy of the build with scripts/serve.ts on a port of its own, so it
// can really stop the server (on top of `setOffline`) and serve a newer build on the same origin.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { buildOffline } from '../../scripts/build-offline.ts';
import { builtSnippets, readRun, runAndWait, snippet } from '../fixtures/runtime/e2e-helpers.ts';
import { violationsInBothThemes } from './axe.ts';

const dist = resolve(process.env.DIST_DIR ?? 'dist');
const root = resolve(import.meta.dirname, '../..');

// The rest of the suite may block service workers (playwright.config.ts); these tests need them.
test.use({ serviceWorkers: 'allow' });

interface Server {
  readonly origin: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Serves `dir` with the production headers on `port` (0: any free port). */
async function serve(dir: string, port = 0): Promise<Server> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'scripts/serve.ts'), '--dir', dir, '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const bound = await new Promise<number>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /localhost:(\d+)/.exec(out);
      if (m) done(Number(m[1]));
    });
    child.on('exit', (code) => fail(new Error(`serve.ts exited with ${code}`)));
  });
  return {
    origin: `http://127.0.0.1:${bound}`,
    port: bound,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill();
      }),
  };
}

/** A copy of the build with its own service worker version (and optionally a changed page). */
async function copyOfBuild(version: string, edit?: (dir: string) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `offline-${version}-`));
  cpSync(dist, dir, { recursive: true });
  edit?.(dir);
  await buildOffline(dir, version);
  return dir;
}

/** Waits until the service worker controls the page and the footer shows what it stores. */
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
  await expect(page.locator('[data-offline-footer] [data-part="summary"]')).toHaveText(
    /saved (for reading offline|in this browser)/,
    { timeout: 30_000 },
  );
}

/**
 * A run that could not happen shows the figure's recording once: in the output region, labelled
 * with the reason, in place of the figure's own recording block (it used to be printed in both,
 * one under the other).
 */
async function expectRecordingShownOnce(figure: Locator): Promise<void> {
  await expect(figure.locator('.run-status')).toHaveAttribute('data-state', 'recorded', {
    timeout: 30_000,
  });
  const recording = (await figure.locator('[data-recorded] pre').textContent()) ?? '';
  expect(`${(await readRun(figure)).stdout}\n`).toBe(recording);
  await expect(figure.locator('[data-recorded]')).toBeHidden();
}

const all = builtSnippets(dist);
const exercisePage = (path: string): string | undefined =>
  /class="exercise" data-exercise-id="([^"]+)" data-kind="code"/.exec(
    readFileSync(join(dist, path, 'index.html'), 'utf8'),
  )?.[1];
// A lesson with a browser program and a code exercise; another with a Node program; a third
// one that is never visited, found through the search.
const main = all.find((s) => s.runtime === 'browser' && exercisePage(s.path))!;
const nodeProgram = all.find((s) => s.runtime === 'node' && s.path !== main.path)!;
const unvisited = all.find((s) => s.path !== main.path && s.path !== nodeProgram.path)!;
const titleOf = (path: string): string =>
  /<h1[^>]*>([^<]+)<\/h1>/.exec(readFileSync(join(dist, path, 'index.html'), 'utf8'))![1]!.trim();

test('after a first visit, the course works offline; "Make available offline" saves it all', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const dir = await copyOfBuild('offline-test');
  let server = await serve(dir);
  try {
    await page.goto(`${server.origin}${main.path}`);
    await controlled(page);
    await page.goto(`${server.origin}${nodeProgram.path}`);
    await controlled(page);

    // Save the whole course, with visible progress and a result, in status regions.
    const footer = page.locator('[data-offline-footer]');
    const save = footer.getByRole('button', { name: /^Make available offline \(\d/ });
    await save.click();
    const message = footer.locator('[data-part="message"]');
    await expect(message).toHaveAttribute('aria-live', 'polite');
    await expect(message).toHaveText(/^Done: the whole course \(\d+ files, [\d.]+ MB\)/, {
      timeout: 120_000,
    });
    await expect(footer.locator('[data-part="summary"]')).toHaveText(/^Available offline/);
    await expect(footer.getByRole('button', { name: 'Remove offline copy' })).toBeFocused();
    const files = Number(/\((\d+) files/.exec((await message.textContent()) ?? '')![1]);
    const stored = await page.evaluate(async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith('course-files-'));
      return (await (await caches.open(names[0]!)).keys()).length - 1; // minus the manifest
    });
    expect(stored).toBe(files);

    // Now no network at all: the browser is offline and the server is gone.
    await server.stop();
    await context.setOffline(true);

    // A visited page, with its editor, runner worker and kit: a browser program runs.
    await page.goto(`${server.origin}${main.path}`);
    await expect(page.locator('h1')).toHaveText(titleOf(main.path));
    const mainFigure = snippet(page, main.id);
    const run = await runAndWait(mainFigure, 30_000);
    expect(run.state).toBe('finished');
    expect(run.stdout.length).toBeGreaterThan(0);
    // "Run on Node.js" cannot start Node.js offline: the recording, once, with the reason; the
    // next run in the worker shows the figure's recording block again, to compare with.
    await mainFigure.getByRole('button', { name: 'Run on Node.js' }).click();
    await expectRecordingShownOnce(mainFigure);
    expect((await readRun(mainFigure)).label).toMatch(/offline/);
    expect((await runAndWait(mainFigure, 30_000)).state).toBe('finished');
    await expect(mainFigure.locator('[data-recorded]')).toBeVisible();

    // A code exercise's solution passes its checks.
    const id = exercisePage(main.path)!;
    const panel = page.locator(`[data-exercise-id="${id}"].exercise-panel`);
    const load = panel.getByRole('button', { name: 'Load the solution into the editor' });
    await expect(async () => {
      if (!(await load.isVisible())) {
        await panel.getByRole('button', { name: 'Show solution' }).click();
        const yes = panel.getByRole('button', { name: 'Yes, show it' });
        if (await yes.isVisible()) await yes.click();
      }
      await expect(load).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await load.click();
    await panel.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(panel.locator('[data-part="summary"]')).toHaveText(/^[1-9]\d* passed, 0 failed$/, {
      timeout: 90_000,
    });

    // A Node program falls back to its recording, saying why: offline.
    await page.goto(`${server.origin}${nodeProgram.path}`);
    const node = snippet(page, nodeProgram.id);
    await node.getByRole('button', { name: /^Run/ }).first().click();
    await expectRecordingShownOnce(node);
    expect((await readRun(node)).label).toMatch(/offline/);

    // The search works, and finds a page never visited, which opens.
    const title = titleOf(unvisited.path);
    await page.keyboard.press('Control+k');
    const box = page.getByRole('searchbox', { name: 'Search lessons' });
    await box.fill(title);
    const result = page.locator('.search-result a', { hasText: title }).first();
    await expect(result).toBeVisible({ timeout: 30_000 });
    await result.click();
    await expect(page).toHaveURL(new RegExp(unvisited.path));
    await expect(page.locator('h1')).toHaveText(title);

    // A page that is no file of the course: the worker says it is offline.
    await page.goto(`${server.origin}/no-such-page/`);
    await expect(page.locator('h1')).toHaveText('You are offline');

    // Back online: "Remove offline copy" undoes it; the pages are no longer there offline.
    await context.setOffline(false);
    server = await serve(dir, server.port);
    await page.goto(`${server.origin}/progress/`);
    await controlled(page);
    await page
      .locator('[data-offline-footer]')
      .getByRole('button', { name: 'Remove offline copy' })
      .click();
    await expect(page.locator('[data-offline-footer] [data-part="message"]')).toHaveText(
      /^Removed the offline copy \(\d+ pages\)/,
    );
    await expect(
      page
        .locator('[data-offline-footer]')
        .getByRole('button', { name: /^Make available offline/ }),
    ).toBeFocused();
    await server.stop();
    await context.setOffline(true);
    await page.goto(`${server.origin}${unvisited.path}`);
    await expect(page.locator('h1')).toHaveText('You are offline');
  } finally {
    await context.setOffline(false);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new deploy is announced, applied on Reload only, and leaves progress alone', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const lesson = main.path;
  const oldTitle = titleOf(lesson);
  const newTitle = `${oldTitle} (revised)`;
  const first = await copyOfBuild('first');
  const second = await copyOfBuild('second', (dir) => {
    const file = join(dir, lesson, 'index.html');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(`>${oldTitle}</h1>`, `>${newTitle}</h1>`),
    );
  });
  let server = await serve(first);
  try {
    await page.goto(`${server.origin}${lesson}`);
    await controlled(page);
    // Some progress (a program run) and a saved edit, in localStorage.
    await runAndWait(snippet(page, main.id), 30_000);
    await page.evaluate(() => localStorage.setItem('offline-test:marker', 'kept'));
    // Everything in localStorage; the progress record without the time the lesson was last
    // opened, which reloading the lesson rightly refreshes.
    const storage = () =>
      page.evaluate(() => {
        const all: Record<string, unknown> = { ...localStorage };
        const progress = JSON.parse(localStorage.getItem('async-io:progress') ?? 'null') as {
          lastLesson?: { at?: string };
        } | null;
        if (progress?.lastLesson) delete progress.lastLesson.at;
        all['async-io:progress'] = progress;
        return all;
      });
    const before = await storage();
    expect(Object.keys(before)).toContain('async-io:progress');

    // The second build is deployed on the same origin; the next load finds its worker.
    await server.stop();
    server = await serve(second, server.port);
    await page.reload();
    const prompt = page.locator('[data-offline-footer] [data-part="update"]');
    await expect(prompt).toHaveAttribute('aria-live', 'polite');
    await expect(prompt).toHaveText('A new version of the course is available — Reload', {
      timeout: 60_000,
    });
    await expect(prompt).toBeVisible();
    // The footer and the prompt pass axe, in both themes.
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await violationsInBothThemes(page, '[data-offline-footer]')).toEqual({
      light: [],
      dark: [],
    });
    // Nothing changes until the reader asks: the new worker waits; the old page stays.
    await expect(page.locator('h1')).toHaveText(oldTitle);
    expect(await page.evaluate(() => caches.keys())).toContain('course-files-first');
    const waiting = () =>
      page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
    expect(await waiting()).toBe(true);
    await page.waitForTimeout(1_000);
    await expect(page.locator('h1')).toHaveText(oldTitle);
    expect(await waiting()).toBe(true);

    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('h1')).toHaveText(newTitle, { timeout: 30_000 });
    await expect(prompt).toBeEmpty();
    const versions = await page.evaluate(() => caches.keys());
    expect(versions).toContain('course-files-second');
    expect(await storage()).toEqual(before);
  } finally {
    await server.stop();
    rmSync(first, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  }
});
