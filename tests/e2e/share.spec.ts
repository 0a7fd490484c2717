import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  MAX_PAYLOAD_CHARS,
  encodeCode,
  shareHash,
  toBase64Url,
} from '../../src/components/workbench/share-code.ts';
import {
  builtSnippets,
  editCode,
  readRun,
  runAndWait,
  snippet,
} from '../fixtures/runtime/e2e-helpers.ts';

// Shareable code links (`#share=<snippet-id>:<payload>`) and "Run on Node.js" on browser snippets.
// The links are made here with the page's own encoder (`share-code.ts`), on Node.

const browser = builtSnippets().filter((s) => s.runtime === 'browser');
// A short program, as in ui/workbench.spec.ts: CodeMirror renders only the lines on screen.
const target = browser.find((s) => s.id === 'non-blocking-sockets/three-answers') ?? browser[0];
const lessonId = () => target!.id.split('/')[0]!;

const FRIEND = "console.log('from a friend');";
const MINE = "console.log('mine');";

async function payloadOf(code: string): Promise<string> {
  const out = await encodeCode(code);
  if (!out.ok) throw new Error(out.message);
  return out.value;
}

const deflateRaw = async (bytes: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(
    await new Response(
      new Blob([bytes as Uint8Array<ArrayBuffer>])
        .stream()
        .pipeThrough(new CompressionStream('deflate-raw')),
    ).arrayBuffer(),
  );

/** Records every `new Worker(…)` the page makes, in `window.__workers`. */
async function watchWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Real = window.Worker;
    const made: string[] = [];
    (window as unknown as { __workers: string[] }).__workers = made;
    window.Worker = class extends Real {
      constructor(url: string | URL, options?: WorkerOptions) {
        made.push(String(url));
        super(url, options);
      }
    };
  });
}

const workersMade = (page: Page) =>
  page.evaluate(() => (window as unknown as { __workers: string[] }).__workers.length);

const savedEdit = (page: Page) =>
  page.evaluate((id) => localStorage.getItem(`async-io:edit:${id}`), target!.id);

/** Opens the lesson at a share fragment, as a fresh page load. */
async function openLink(page: Page, hash: string): Promise<Locator> {
  await page.goto('about:blank');
  await page.goto(`${target!.path}${hash}`);
  return snippet(page, target!.id);
}

const code = (figure: Locator) => figure.locator('.snippet-code pre');
const notice = (figure: Locator) => figure.getByRole('region', { name: 'Shared code' });

test.describe('shared code links', () => {
  test.beforeEach(() => {
    expect(target, 'no browser-runnable snippet in the built site').toBeDefined();
  });

  test('a shared link shows the code with a notice and runs nothing until Run', async ({
    page,
  }) => {
    await watchWorkers(page);
    const figure = await openLink(page, shareHash(target!.id, await payloadOf(FRIEND)));
    await expect(notice(figure)).toBeVisible();
    await expect(notice(figure)).toContainText('someone else’s');
    await expect(notice(figure)).toContainText('has not run');
    await expect(notice(figure)).toBeFocused();
    await expect(code(figure)).toHaveText(FRIEND);
    // Give anything that might start on its own the time to do it: nothing does.
    await page.waitForTimeout(1500);
    expect(await workersMade(page)).toBe(0);
    await expect(figure.locator('.run-output')).toBeHidden();
    // Not saved either: it becomes the reader's edit only when they edit or run it.
    expect(await savedEdit(page)).toBeNull();

    const run = await runAndWait(figure);
    expect(run.label).toBe('Ran in your browser (worker)');
    expect(run.stdout).toBe('from a friend');
    expect(await workersMade(page)).toBeGreaterThan(0);
    await expect(notice(figure)).toBeHidden();
    expect(JSON.parse((await savedEdit(page)) ?? '{}').code).toBe(FRIEND);
    // The link has done its job: a reload shows the reader's (now saved) version, no notice.
    expect(new URL(page.url()).hash).toBe('');
    await page.reload();
    await expect(code(figure)).toHaveText(FRIEND);
    await expect(notice(figure)).toBeHidden();
  });

  test('a shared link never replaces the reader’s own edit without asking', async ({ page }) => {
    await page.goto(target!.path);
    let figure = snippet(page, target!.id);
    await editCode(page, figure, MINE);
    await expect.poll(() => savedEdit(page)).toContain('mine');

    const hash = shareHash(target!.id, await payloadOf(FRIEND));
    figure = await openLink(page, hash);
    await expect(notice(figure)).toContainText('Your own edited version is kept');
    await expect(code(figure)).toHaveText(MINE);
    await figure.getByRole('button', { name: 'Use the shared code' }).click();
    await expect(code(figure)).toHaveText(FRIEND);
    await expect(notice(figure)).toContainText('has not run');
    // Shown, not saved: the reader's edit is still the stored one.
    expect(JSON.parse((await savedEdit(page)) ?? '{}').code).toBe(MINE);
    await figure.getByRole('button', { name: 'Back to my version' }).click();
    await expect(code(figure)).toHaveText(MINE);
    await expect(notice(figure)).toBeHidden();

    figure = await openLink(page, hash);
    await figure.getByRole('button', { name: 'Keep my version' }).click();
    await expect(code(figure)).toHaveText(MINE);
    await expect(notice(figure)).toBeHidden();
    expect(JSON.parse((await savedEdit(page)) ?? '{}').code).toBe(MINE);
    expect(new URL(page.url()).hash).toBe('');
  });

  test('corrupt links say so and keep the original program', async ({ page }) => {
    await page.goto(target!.path);
    const original = await code(snippet(page, target!.id)).textContent();
    const good = await deflateRaw(new TextEncoder().encode(FRIEND.repeat(20)));
    for (const payload of [
      'not*base64!', // not base64url
      toBase64Url(Uint8Array.from([0xff, 0xff, 0xff, 0x01])), // not deflate
      toBase64Url(good.subarray(0, good.length - 5)), // cut short
    ]) {
      const figure = await openLink(page, shareHash(target!.id, payload));
      await expect(notice(figure)).toContainText('damaged');
      await expect(code(figure)).toHaveText(original!);
      await figure.getByRole('button', { name: 'Dismiss' }).click();
      await expect(notice(figure)).toBeHidden();
    }
  });

  test('oversized links and zip bombs are refused with the original shown', async ({ page }) => {
    await page.goto(target!.path);
    const original = await code(snippet(page, target!.id)).textContent();
    let figure = await openLink(page, shareHash(target!.id, 'A'.repeat(MAX_PAYLOAD_CHARS + 8)));
    await expect(notice(figure)).toContainText('too long');
    await expect(code(figure)).toHaveText(original!);

    // 20 MB of zeros: a ~20 KB payload, inside the link cap, stopped at the 200 KB output cap.
    const bomb = toBase64Url(await deflateRaw(new Uint8Array(20 * 1024 * 1024)));
    expect(bomb.length).toBeLessThanOrEqual(MAX_PAYLOAD_CHARS);
    figure = await openLink(page, shareHash(target!.id, bomb));
    await expect(notice(figure)).toContainText('expands to more than');
    await expect(code(figure)).toHaveText(original!);
  });

  test('a link for a snippet that is not on the page says so', async ({ page }) => {
    await page.goto(
      `${target!.path}#share=${lessonId()}/no-such-program:${await payloadOf(FRIEND)}`,
    );
    const banner = page.getByRole('alert').filter({ hasText: 'no longer on this page' });
    await expect(banner).toBeVisible();
    await expect(page.locator('.share-note:not([hidden])')).toHaveCount(0);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner).toBeHidden();
  });

  test('Share copies a link to the edited code, with a visible announced confirmation', async ({
    page,
    browser: b,
  }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __copied: string[] };
      w.__copied = [];
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: (text: string) => (w.__copied.push(text), Promise.resolve()) },
      });
    });
    await page.goto(target!.path);
    const figure = snippet(page, target!.id);
    await editCode(page, figure, "console.log('shared by me');");
    await figure.getByRole('button', { name: 'Share' }).click();
    await expect(figure.getByRole('status')).toContainText('Link copied');
    const [link] = await page.evaluate(
      () => (window as unknown as { __copied: string[] }).__copied,
    );
    expect(link).toContain(`#share=${target!.id}:`);

    // Someone else opens it.
    const other = await b.newPage();
    await other.goto(link!);
    const theirs = snippet(other, target!.id);
    await expect(notice(theirs)).toBeVisible();
    await expect(code(theirs)).toHaveText("console.log('shared by me');");
    await other.close();
  });

  test('when the clipboard is refused, the link is shown in a field', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      });
    });
    await page.goto(target!.path);
    const figure = snippet(page, target!.id);
    await figure.getByRole('button', { name: 'Share' }).click();
    await expect(figure.getByRole('status')).toContainText('copy the link from the field below');
    const field = figure.getByRole('textbox', { name: 'Link to this code' });
    await expect(field).toBeVisible();
    await expect(field).toBeFocused();
    expect(await field.inputValue()).toContain(`#share=${target!.id}:`);
  });
});

test.describe('Run on Node.js', () => {
  test.beforeEach(() => {
    expect(target, 'no browser-runnable snippet in the built site').toBeDefined();
  });

  test('with WebContainer unreachable, it says why and shows the Node recording', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    // Make StackBlitz unreachable even on a machine that could reach it.
    await page.route(
      (url) =>
        /(^|\.)(stackblitz\.com|stackblitz\.io|webcontainer\.io|webcontainer-api\.io)$/.test(
          url.hostname,
        ),
      (route) => route.abort('internetdisconnected'),
    );
    await page.goto(target!.path);
    const figure = snippet(page, target!.id);
    const status = figure.locator('.run-status');
    await figure.getByRole('button', { name: 'Run on Node.js' }).click();
    await expect(status).toHaveAttribute('data-state', 'recorded', { timeout: 60_000 });
    const run = await readRun(figure);
    // The reason, one sentence, after the name of the runtime the recording comes from.
    expect(run.label).toMatch(/^Recorded on Node\.js 24 — .+\.$/);
    expect(run.statusText).toMatch(/recorded/i);
    const recorded = (await figure.locator('[data-recorded] pre').textContent()) ?? '';
    expect(`${run.stdout}\n`).toBe(recorded);
    // The worker is still the default, and its output is labelled as such.
    expect((await runAndWait(figure)).label).toBe('Ran in your browser (worker)');
  });
});
