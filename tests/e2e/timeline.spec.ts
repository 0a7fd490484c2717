// The run's timeline (issue 15): run a kit program in the workbench, open the timeline, zoom and
// pan with the keyboard, step through its events with the keyboard, read the same event and its
// counters in the table, see the loop-health flags of a loop blocked by a callback, see where
// every actor was when a run deadlocks, and hold the open view to axe in both themes. A runaway
// synchronous program still gets its timeline at the time limit; greenlets get lanes of their own.
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  builtSnippets,
  editCode,
  runAndWait,
  snippet,
  setTimeLimit,
} from '../fixtures/runtime/e2e-helpers.ts';
import { violationsInBothThemes } from './axe.ts';

const browser = builtSnippets().filter((s) => s.runtime === 'browser');
const target = browser.find((s) => s.id === 'non-blocking-sockets/three-answers') ?? browser[0];
/** Chapter 5's loop whose callback computes 300 ms while clients wait. */
const blocking = browser.find(
  (s) => s.id.endsWith('blocking-callback') && s.path.includes('reactor'),
);

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

/** Nobody ever connects: the kit reports a deadlock. */
const DEADLOCK = `import { Kernel } from '#kit';
const k = new Kernel();
const s = k.socket();
k.bind(s, 8081);
k.listen(s);
k.spawn(function* (sys) { yield* sys.sleep(3); }, { name: 'napper' });
k.accept(s);
`;

/** A runaway synchronous loop of non-blocking kernel calls: only the time limit ends it. */
const RUNAWAY = `import { Kernel } from '#kit';
const k = new Kernel();
const s = k.socket();
k.bind(s, 8082);
k.listen(s);
k.setblocking(s, false);
console.log('polling');
for (;;) {
  try { k.accept(s); } catch { /* EAGAIN: nobody is connecting */ }
}
`;

/** gevent: two greenlets fetch at once while the hub waits in epoll_wait. */
const GREEN = `import { Kernel } from '#kit';
import * as gevent from '#lib/gevent';
const k = new Kernel();
gevent.patchAll(k);
const a = k.service('a', { latency: 100 });
const b = k.service('b', { latency: 300 });
function getPage(addr: string): string { return k.fetch(addr, 'GET /'); }
gevent.joinall([gevent.spawn(getPage, a), gevent.spawn(getPage, b)]);
console.log('fetched');
`;

async function open(figure: Locator): Promise<Locator> {
  const toggle = figure.getByRole('button', { name: 'Timeline' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const view = figure.locator('section.tl');
  await expect(view.getByRole('heading', { name: /^Timeline of / })).toBeVisible();
  return view;
}

async function runAndOpen(page: Page, program = PROGRAM): Promise<Locator> {
  expect(target, 'no browser-runnable snippet in the built site').toBeDefined();
  await page.goto(target!.path);
  const figure = snippet(page, target!.id);
  await editCode(page, figure, program);
  const run = await runAndWait(figure);
  if (program === PROGRAM) expect(run.stdout).toBe('served');
  return open(figure);
}

async function openBlocking(page: Page): Promise<Locator> {
  expect(blocking, "chapter 5's blocking-callback snippet is not in the built site").toBeDefined();
  await page.goto(blocking!.path);
  const figure = snippet(page, blocking!.id);
  await runAndWait(figure, 30_000);
  return open(figure);
}

/** The visible stretch, from the range line: [from, to, zoom]. */
async function range(view: Locator): Promise<[number, number, number]> {
  const text = (await view.locator('.tl-range').textContent()) ?? '';
  const m = /^Showing ([\d.]+) ms to ([\d.]+) ms of [\d.]+ ms \(zoom ×([\d.,]+)\)$/.exec(text);
  expect(m, `range line: ${text}`).not.toBeNull();
  return [Number(m![1]), Number(m![2]), Number(m![3]!.replace(/,/g, ''))];
}

test.describe('timeline', () => {
  test('step with the keyboard; the table and the counters show the same event', async ({
    page,
  }) => {
    const view = await runAndOpen(page);
    // One lane per actor (the canvas picture), named in the actor filter too.
    await expect(view.getByRole('img', { name: /^Lanes of 2 actors/ })).toBeVisible();
    await expect(view.getByLabel('Show events of').locator('option')).toHaveText([
      'All actors',
      'main (main)',
      'client1 (peer)',
    ]);
    const status = view.getByRole('status');
    await expect(status).toContainText('Event 1 of');
    await expect(status).toContainText('0.001 ms · main · socket · fd 3');

    const forward = view.getByRole('button', { name: 'Step forward' });
    await forward.focus();
    await page.keyboard.press('ArrowRight');
    await expect(status).toContainText('Event 2 of');
    await expect(status).toContainText('0.002 ms · main · bind · fd 3 · localhost:8080');
    await page.keyboard.press('ArrowLeft');
    await expect(status).toContainText('Event 1 of');

    // On the lanes, "." steps forward: to the moment main blocks in recv.
    const lanes = view.getByRole('group', { name: 'Lanes' });
    await lanes.focus();
    const inRecv = '· block · fd 4 · recv: waiting for data';
    for (let i = 0; i < 30 && !((await status.textContent()) ?? '').includes(inRecv); i++)
      await page.keyboard.press('.');
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
    // …and the counters at that moment: the listening socket and the accepted one are open.
    const counters = view.getByRole('definition');
    const counter = (name: string) =>
      view.locator('.tl-counters dt', { hasText: name }).locator('xpath=following-sibling::dd[1]');
    await expect(counters.first()).toBeVisible();
    await expect(counter('Descriptors open')).toHaveText('2');
    await expect(counter('Connections accepted')).toHaveText('1');
    await expect(counter('Tasks running / ready / waiting')).toHaveText('0 / 0 / 1');
    await expect(counter('main now')).toHaveText('blocked in recv on fd 4 (waiting for data)');
    await page.keyboard.press(',');
    await expect(status).not.toContainText(inRecv);

    // End and Home go to the last and first events.
    await page.keyboard.press('End');
    await expect(status).toContainText('main · close · fd 4');
    await expect(counter('Descriptors open')).toHaveText('1');
    await page.keyboard.press('Home');
    await expect(status).toContainText('Event 1 of');

    // Filtering by actor keeps only that actor's rows, and stepping stays within them.
    await view.getByLabel('Show events of').selectOption('client1');
    await expect(view.locator('tbody tr td:nth-child(3)')).toHaveText(
      Array(await view.locator('tbody tr').count()).fill('client1'),
    );
    await expect(status).toContainText('client1 · connect');
    await forward.click();
    await expect(status).toContainText('client1 · send');
    // …and by kind.
    await view.getByLabel('Show events of').selectOption('');
    await view.getByLabel('of kind').selectOption('recv');
    await expect(view.locator('tbody tr td:nth-child(4)')).toHaveText(
      Array(await view.locator('tbody tr').count()).fill('recv'),
    );
  });

  test('zoom and pan with the keyboard; the current event stays in view', async ({ page }) => {
    const view = await runAndOpen(page);
    const lanes = view.getByRole('group', { name: 'Lanes' });
    await expect(view.getByText(/Keys on the lanes: \+ and − zoom, 0 fits/)).toBeVisible();
    const [from0, to0, z0] = await range(view);
    expect([from0, z0]).toEqual([0, 1]);
    await lanes.focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    let [from, to, z] = await range(view);
    expect(z).toBe(4);
    expect(to - from).toBeCloseTo((to0 - from0) / 4, 2);
    await page.keyboard.press('ArrowRight');
    const [panned] = await range(view);
    expect(panned).toBeGreaterThan(from);
    await page.keyboard.press('ArrowLeft');
    expect((await range(view))[0]).toBeCloseTo(from, 3);
    // Stepping to an event out of view brings it into view.
    await page.keyboard.press('End');
    const last = Number(
      await view.locator('tbody tr[aria-current="true"] td').nth(1).textContent(),
    );
    [from, to, z] = await range(view);
    expect(z).toBe(4);
    expect(last).toBeGreaterThanOrEqual(from);
    expect(last).toBeLessThanOrEqual(to);
    // The buttons do the same; 0 fits the whole run again.
    await view.getByRole('button', { name: 'Zoom out' }).click();
    expect((await range(view))[2]).toBe(2);
    await lanes.focus();
    await page.keyboard.press('0');
    expect(await range(view)).toEqual([from0, to0, 1]);
  });

  test('loop-health flags for a callback that blocks the loop lead to the moment', async ({
    page,
  }) => {
    const view = await openBlocking(page);
    const flags = view.locator('.tl-health li');
    await expect(flags).toHaveCount(2);
    await expect(flags.nth(0)).toContainText(
      /^⚠main ran for 300\.\d ms without a syscall at 1\d\d\.\d{3} ms/,
    );
    await expect(flags.nth(1)).toContainText(/clients? waited more than 100 ms for a reply/);
    // Keyboard: Tab to the first flag and press Enter: the current event is the cpu call.
    await view.locator('.tl-health button').first().focus();
    await page.keyboard.press('Enter');
    await expect(view.getByRole('status')).toContainText('· main · cpu · 300 ms of work');
    await expect(view.locator('tbody tr[aria-current="true"] td').nth(3)).toHaveText('cpu');
  });

  test('a deadlocked run shows where every actor was at the end', async ({ page }) => {
    const view = await runAndOpen(page, DEADLOCK);
    const final = view.locator('.tl-final');
    await expect(final.getByRole('heading')).toHaveText(/^Where every actor was at the end/);
    await expect(final.locator('tbody tr')).toHaveCount(2);
    await expect(final.locator('tr', { hasText: 'main' }).locator('td')).toHaveText(
      'blocked in accept on fd 3 (no client is connecting to localhost:8081)',
    );
    await expect(final.locator('tr', { hasText: 'napper' }).locator('td')).toHaveText('finished');
  });

  test('a runaway synchronous loop still has a timeline, and it says what may be missing', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await page.goto(target!.path);
    const figure = snippet(page, target!.id);
    await editCode(page, figure, RUNAWAY);
    // A 2 s time limit instead of 10: the loop burns a core until the limit, whatever it is.
    await setTimeLimit(figure, 2_000);
    const run = await runAndWait(figure, 30_000);
    expect(run.state).toBe('timeout');
    expect(run.stdout).toBe('polling');
    const view = await open(figure);
    await expect(view.locator('.tl-summary')).toContainText(/Kernel 1: [\d,]+ events/);
    await expect(view.locator('.tl-cut', { hasText: 'stopped at the time limit' })).toContainText(
      'the events of its last moments may be missing',
    );
    // The events are there: the start of the run, and the loop's failed accepts.
    const table = view.locator('.tl-table tbody');
    await expect(table.locator('td', { hasText: /^bind$/ })).toHaveCount(1);
    await expect(table.locator('td', { hasText: 'EAGAIN' }).first()).toBeVisible();
  });

  test('a greenlet program has one lane per greenlet, and the hub its own', async ({ page }) => {
    await page.goto(target!.path);
    const figure = snippet(page, target!.id);
    await editCode(page, figure, GREEN);
    const run = await runAndWait(figure, 30_000);
    expect(run.stdout).toBe('fetched');
    const view = await open(figure);
    const actors = view.locator('select[id$="-actor"] option');
    await expect(actors).toContainText([
      'main (main)',
      'hub (greenlet)',
      "getPage('a:80') (greenlet)",
      "getPage('b:80') (greenlet)",
    ]);
    await expect(
      view.locator('.tl-cut', { hasText: 'Greenlets are not kernel threads' }),
    ).toBeVisible();
    // The table names the kernel's actor (main) and the greenlet it ran.
    await expect(
      view.locator('.tl-table tbody td', { hasText: 'main · hub' }).first(),
    ).toBeVisible();
  });

  test('axe: the open timeline has no serious violations (both themes)', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    const view = await openBlocking(page);
    await expect(view.locator('.tl-health li').first()).toBeVisible();
    expect(await violationsInBothThemes(page, 'section.tl')).toEqual({ light: [], dark: [] });
  });

  test('reduced motion: the table jumps to the current row at once', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const view = await runAndOpen(page);
    await view.getByRole('button', { name: 'Step forward' }).focus();
    // Within one task: a smooth scroll would not have moved yet.
    const moved = await view.evaluate((root) => {
      const button = root.querySelector<HTMLElement>('[data-action="step-forward"]')!;
      button.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true }),
      );
      return root.querySelector<HTMLElement>('.tl-scroll')!.scrollTop;
    });
    expect(moved).toBeGreaterThan(0);
  });
});
