// `npm run bench`: speed and size figures, one JSON object per line:
//   {"name": "...", "value": <number>, "unit": "..."}
// Measures the built site (run `npm run build` first) in headless Chromium through
// `astro preview`, then passes through the kit's own figures (scripts/bench-kit.ts) if present.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumPath } from './setup/tools.mjs';
import { findSnippetPages } from './bench-pages.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 10) / 10, unit }));
}

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const srv = createServer().listen(0, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

async function startPreview(port: number): Promise<ChildProcess> {
  const child = spawn(join(root, 'node_modules/.bin/astro'), ['preview', '--port', String(port)], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('astro preview did not start');
}

/** gzip size of every script a page loads before any interaction, inline ones included. */
async function initialJs(browser: Browser, url: string): Promise<number> {
  const page = await browser.newPage();
  let bytes = 0;
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res.body().then(
        (b) => void (bytes += gzipSync(b).length),
        () => {},
      ),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  const inline = await page.$$eval('script:not([src])', (s) => s.map((e) => e.textContent ?? ''));
  for (const code of inline) if (code.trim()) bytes += gzipSync(code).length;
  await page.close();
  return bytes / 1024;
}

/** Milliseconds from a click on Run to the first output line on screen. */
function timeFirstOutput(page: Page, id: string): Promise<number> {
  return page.evaluate((snippetId) => {
    const figure = document.querySelector(
      `figure[data-snippet-id="${snippetId}"][data-kind="program"]`,
    )!;
    const log = figure.querySelector('.run-log')!;
    return new Promise<number>((ok) => {
      let t0 = 0;
      const obs = new MutationObserver(() => {
        if (log.querySelector('.out-line')) {
          obs.disconnect();
          ok(performance.now() - t0);
        }
      });
      obs.observe(log, { childList: true });
      t0 = performance.now();
      figure.querySelector<HTMLButtonElement>('[data-action="run"]')!.click();
    });
  }, id);
}

/** Waits for the current run of a snippet to end. */
async function settle(page: Page, id: string): Promise<void> {
  await page.waitForFunction(
    (s) =>
      document
        .querySelector(`figure[data-snippet-id="${s}"][data-kind="program"] .run-status`)
        ?.getAttribute('data-state') !== 'running',
    id,
  );
}

/** A fresh browser context in which the snippet shows `code` (as a learner's saved edit). */
async function withProgram(browser: Browser, id: string, code: string) {
  const context = await browser.newContext();
  await context.addInitScript(
    ([key, program]) => localStorage.setItem(key!, JSON.stringify({ code: program, base: '' })),
    [`async-io:edit:${id}`, code],
  );
  return context;
}

/** Milliseconds from a click on Stop to the run being reported stopped, for `while (true) {}`. */
async function stopLatency(browser: Browser, url: string, id: string): Promise<number> {
  const context = await withProgram(browser, id, 'while (true) {}');
  const page = await context.newPage();
  await page.goto(url);
  const sel = `figure[data-snippet-id="${id}"][data-kind="program"]`;
  await page.click(`${sel} [data-action="run"]`);
  await page.waitForSelector(`${sel} [data-action="stop"]:not([disabled])`);
  await page.waitForTimeout(300);
  const ms = await page.evaluate((s) => {
    const figure = document.querySelector(s)!;
    const status = figure.querySelector('.run-status')!;
    return new Promise<number>((ok) => {
      const t0 = performance.now();
      const obs = new MutationObserver(() => {
        if (status.getAttribute('data-state') === 'stopped') {
          obs.disconnect();
          ok(performance.now() - t0);
        }
      });
      obs.observe(status, { attributes: true });
      figure.querySelector<HTMLButtonElement>('[data-action="stop"]')!.click();
    });
  }, sel);
  await context.close();
  return ms;
}

/**
 * The longest main-thread task (ms, from the Long Tasks API) while a snippet floods its output
 * with 1,000 lines of 9,000 characters: the output view must keep every frame short. The Long
 * Tasks API reports only tasks of 50 ms or more, so 0 means that no task reached 50 ms.
 */
async function floodLongestTask(browser: Browser, url: string, id: string): Promise<number> {
  const context = await withProgram(
    browser,
    id,
    "for (let i = 0; i < 1000; i++) console.log('y'.repeat(9000));",
  );
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.click(`figure[data-snippet-id="${id}"][data-kind="program"] [data-action="run"]`);
  await page.waitForTimeout(100);
  await settle(page, id);
  // Long tasks are reported after they end: give the last one a moment to arrive.
  await page.waitForTimeout(200);
  const ms = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  await context.close();
  return Math.round(ms);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html')))
    throw new Error('no built site: run `npm run build` first');
  const snippets = findSnippetPages(dist);
  const lesson = snippets[0]?.path ?? '/';
  const target = snippets.find((s) => s.runtime === 'browser');
  const port = await freePort();
  const server = await startPreview(port);
  const browser = await chromium.launch({
    executablePath: chromiumPath() ?? '/usr/bin/chromium',
    args: [
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const base = `http://localhost:${port}`;
    emit('page.lesson.initial-js.gzip-kb', await initialJs(browser, base + lesson), 'KB');
    if (!target) {
      console.error(
        'bench: no browser-runnable snippet in the built site; runtime figures skipped',
      );
    } else {
      const url = base + target.path;
      // Empty cache: a cold first run. The program is the smallest one that uses the kit, so the
      // figure is the runtime's own latency, not the lesson program's computing time.
      const context = await withProgram(
        browser,
        target.id,
        "import * as kit from '#kit';\nconsole.log('first output', Object.keys(kit).length > 0);",
      );
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'networkidle' });
      emit('runtime.first-output.cold.ms', await timeFirstOutput(page, target.id), 'ms');
      const warm: number[] = [];
      for (let i = 0; i < 7; i++) {
        await settle(page, target.id);
        warm.push(await timeFirstOutput(page, target.id));
      }
      emit('runtime.first-output.warm.ms', median(warm), 'ms');
      await context.close();
      emit('runtime.infinite-loop.stop.ms', await stopLatency(browser, url, target.id), 'ms');
      emit(
        'runtime.output-flood.longest-task.ms',
        await floodLongestTask(browser, url, target.id),
        'ms',
      );
    }
  } finally {
    await browser.close();
    server.kill();
  }
  // The kit's figures, the greenlet engine's (scripts/bench-green.ts) and a 20-seed check's
  // (scripts/bench-checks.ts), when present.
  for (const name of ['bench-kit.ts', 'bench-green.ts', 'bench-checks.ts', 'bench-timeline.ts']) {
    const script = join(root, 'scripts', name);
    if (!existsSync(script)) continue;
    const child = spawn(process.execPath, [script], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    if (code !== 0) throw new Error(`scripts/${name} exited with ${code}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
