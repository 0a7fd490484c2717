/**
 * Speed figures for the run's timeline (issue 15), one JSON object per line:
 *   timeline.render-100k-events.ms  opening the timeline view on a 100,000-event kit trace, to
 *                                   first paint, in headless Chromium (median of 5 fresh pages;
 *                                   target <= 500)
 *   timeline.pan-100k-events.ms     one pan step (← on the lanes) at zoom ×8 on that trace,
 *                                   redraw included (median of 20; a frame is 16.7 ms)
 * The trace is a real one: an epoll echo server on the kit, 300 clients, cut at 100,000 events.
 * The view is the built site's own module (run `npm run build` first), loaded into a lesson
 * page of the build so its styles and theme apply; files are served from `dist/` by Playwright's
 * router, so no server is needed.
 * Run: node scripts/bench-timeline.ts  (scripts/bench.ts runs it after its own figures);
 * BENCH_DETAIL=1 also prints, for each open, how much of it was building the view.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { EPOLLIN, EPOLL_CTL_ADD, EPOLL_CTL_DEL, Kernel } from '../src/kit/index.ts';
import type { RunEvent } from '../src/runtime/types.ts';
import { findSnippetPages } from './bench-pages.ts';
import { chromiumPath } from './setup/tools.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env['DIST_DIR'] ? resolve(process.env['DIST_DIR']) : join(root, 'dist');
const EVENTS = 100_000;

function emit(name: string, value: number, unit: string): void {
  console.log(JSON.stringify({ name, value: Math.round(value * 10) / 10, unit }));
}

/** A real kit trace of `n` events: an epoll echo server and 300 clients sending 100 pings each. */
function bigTrace(n: number): Extract<RunEvent, { type: 'trace' }> {
  const k = new Kernel({ seed: 1, traceLimit: 2 * n }); // room to spare: nothing is cut
  const s = k.socket();
  k.bind(s, 8080);
  k.listen(s, 512);
  k.setblocking(s, false);
  const ep = k.epoll_create();
  k.epoll_ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN);
  const clients = k.clients(
    8080,
    Array.from({ length: 300 }, (_, i) => ({
      at: i * 0.7,
      send: Array<string>(100).fill('ping'),
      gap: 3,
    })),
  );
  let open = 0;
  for (let turn = 0; !clients.done || open > 0; turn++) {
    for (const { fd } of k.epoll_wait(ep, 64, 50)) {
      if (fd === s) {
        const c = k.accept(s);
        k.setblocking(c, false);
        k.epoll_ctl(ep, EPOLL_CTL_ADD, c, EPOLLIN);
        open++;
        continue;
      }
      const d = k.recv(fd, 1024);
      if (d === '') {
        k.epoll_ctl(ep, EPOLL_CTL_DEL, fd);
        k.close(fd);
        open--;
      } else k.send(fd, d);
    }
    if (turn % 256 === 0 && k.trace().length >= n) break;
  }
  const events = k.trace().slice(0, n);
  if (events.length < n) throw new Error(`the bench program traced only ${events.length} events`);
  return {
    type: 'trace',
    kernels: [{ index: 1, events, dropped: 0, now: k.now(), actors: [] }],
    kernelsNotSent: 0,
    complete: true,
  };
}

/** The built chunk of `src/components/workbench/timeline-view.ts`. */
function viewChunk(): string {
  const dir = join(dist, '_astro');
  // The module itself, not the small chunk that stands for its stylesheet.
  const name = readdirSync(dir).find(
    (f) =>
      /^timeline-view\..*\.js$/.test(f) &&
      readFileSync(join(dir, f), 'utf8').includes('TimelineView'),
  );
  if (!name) throw new Error('no timeline-view chunk in dist/_astro: build the site first');
  return `/_astro/${name}`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(join(dist, 'index.html')))
    throw new Error('no built site: run `npm run build` first');
  const lesson = findSnippetPages(dist)[0]?.path ?? '/';
  const chunk = viewChunk();
  const trace = bigTrace(EVENTS);
  const browser = await chromium.launch({
    executablePath: chromiumPath() ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ bypassCSP: true });
    await context.route('http://bench.invalid/**', (route) => {
      const path = decodeURIComponent(new URL(route.request().url()).pathname);
      let file = join(dist, path);
      if (!file.startsWith(dist)) return route.fulfill({ status: 403 });
      if (existsSync(join(file, 'index.html'))) file = join(file, 'index.html');
      if (!existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({
        body: readFileSync(file),
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      });
    });
    const render: number[] = [];
    let pan: number[] = [];
    for (let run = 0; run < 5; run++) {
      const page = await context.newPage();
      await page.goto(`http://bench.invalid${lesson}`, { waitUntil: 'load' });
      const [ms, panned, sync] = await page.evaluate(
        async ({ url, trace }) => {
          const mod = (await import(url)) as {
            TimelineView: new (t: unknown, name: string) => { root: HTMLElement };
          };
          const host = document.querySelector('main') ?? document.body;
          const box = document.createElement('div');
          host.prepend(box);
          const t0 = performance.now();
          box.append(new mod.TimelineView(trace, 'the bench').root);
          const sync = performance.now() - t0;
          // First paint: after the next frame's rendering, which runs the rAF callbacks first.
          await new Promise<void>((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
          const first = performance.now() - t0;
          const lanes = box.querySelector<HTMLElement>('.tl-vscroll')!;
          const key = (k: string) =>
            lanes.dispatchEvent(
              new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }),
            );
          for (let i = 0; i < 3; i++) key('+');
          const steps: number[] = [];
          for (let i = 0; i < 20; i++) {
            const t = performance.now();
            key(i < 10 ? 'ArrowRight' : 'ArrowLeft');
            steps.push(performance.now() - t);
          }
          return [first, steps, sync] as const;
        },
        { url: chunk, trace },
      );
      render.push(ms);
      // Where the time went: building the model and the DOM, then the first frame.
      if (process.env['BENCH_DETAIL'])
        console.error(
          `open ${ms.toFixed(0)} ms: ${sync.toFixed(0)} ms building, the rest to paint`,
        );
      pan = pan.concat(panned);
      await page.close();
    }
    emit('timeline.render-100k-events.ms', median(render), 'ms');
    emit('timeline.pan-100k-events.ms', median(pan), 'ms');
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`bench-timeline: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
