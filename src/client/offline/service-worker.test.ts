import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FakeCacheStorage } from './fake-caches.test-support.ts';
import { cacheNameFor, type OfflineManifest } from './manifest.ts';
import type { Reply } from './messages.ts';
import { createServiceWorker, SETTINGS_CACHE } from './service-worker.ts';

const ORIGIN = 'https://course.test';
const HEADERS = { 'Cross-Origin-Embedder-Policy': 'require-corp' };
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A site: path → body. */
type Site = Record<string, string>;

function manifestOf(version: string, site: Site, headersHash = sha('h')): OfflineManifest {
  return {
    version,
    headersHash,
    files: Object.entries(site)
      .map(([url, body]) => ({ url, hash: sha(body), size: body.length }))
      .sort((a, b) => a.url.localeCompare(b.url)),
  };
}

const V1: Site = {
  '/': 'home v1',
  '/lessons/a/': 'lesson a v1',
  '/lessons/b/': 'lesson b v1',
  '/_astro/app.1.js': 'app v1',
  '/pagefind/pagefind.js': 'pagefind v1',
};

/** A server that serves `site` (changeable), counts requests and can go offline. */
function server(site: Site) {
  const state = { site, offline: false, requests: [] as string[] };
  const fetch = async (url: string): Promise<Response> => {
    const path = new URL(url).pathname;
    state.requests.push(path);
    if (state.offline) throw new TypeError('Failed to fetch');
    const body = state.site[path];
    return body === undefined
      ? new Response('missing', { status: 404 })
      : new Response(body, { headers: { 'X-Served': 'network', ...HEADERS } });
  };
  return { state, fetch };
}

function worker(
  manifest: OfflineManifest,
  caches: FakeCacheStorage,
  fetch: typeof globalThis.fetch | ((url: string) => Promise<Response>),
) {
  const calls = { skipWaiting: 0, claim: 0, updates: 0 };
  const sw = createServiceWorker({
    manifest,
    origin: ORIGIN,
    caches: caches as unknown as CacheStorage,
    fetch: fetch as (url: string) => Promise<Response>,
    headers: HEADERS,
    skipWaiting: async () => void calls.skipWaiting++,
    claimClients: async () => void calls.claim++,
    checkForUpdate: () => void calls.updates++,
  });
  return { sw, calls };
}

const get = (path: string, mode: RequestMode = 'cors'): Request => {
  const r = new Request(`${ORIGIN}${path}`);
  // Node's Request cannot be built with mode 'navigate'; the worker only reads it.
  return mode === 'navigate'
    ? (Object.defineProperty(r, 'mode', { value: 'navigate' }) as Request)
    : r;
};

async function ask(sw: ReturnType<typeof worker>['sw'], data: unknown): Promise<Reply> {
  const reply = sw.answer(data);
  if (!reply) throw new Error('no answer');
  return reply;
}

describe('service worker: install', () => {
  it('stores every asset of its version at install, and no page', async () => {
    const caches = new FakeCacheStorage();
    const net = server(V1);
    const { sw } = worker(manifestOf('v1', V1), caches, net.fetch);
    await sw.install();
    expect(caches.paths(cacheNameFor('v1'))).toEqual([
      '/__offline__/manifest.json',
      '/_astro/app.1.js',
      '/pagefind/pagefind.js',
    ]);
  });

  it('fails the install when an asset is another build (the active version stays)', async () => {
    const caches = new FakeCacheStorage();
    const net = server({ ...V1, '/_astro/app.1.js': 'app of a newer deploy' });
    const { sw, calls } = worker(manifestOf('v1', V1), caches, net.fetch);
    await expect(sw.install()).rejects.toThrow(/_astro\/app\.1\.js \(changed\)/);
    expect(calls.updates).toBe(1);
    expect(caches.paths(cacheNameFor('v1'))).not.toContain('/_astro/app.1.js');
  });

  it('fails the install when offline', async () => {
    const caches = new FakeCacheStorage();
    const net = server(V1);
    net.state.offline = true;
    const { sw } = worker(manifestOf('v1', V1), caches, net.fetch);
    await expect(sw.install()).rejects.toThrow(/failed/);
  });

  it('a new version copies unchanged files from the old cache and fetches only changed ones', async () => {
    const caches = new FakeCacheStorage();
    const net = server(V1);
    const one = worker(manifestOf('v1', V1), caches, net.fetch).sw;
    await one.install();
    await one.activate();
    await ask(one, { type: 'store', url: '/lessons/a/' });
    await ask(one, { type: 'store', url: '/lessons/b/' });

    const V2: Site = { ...V1, '/lessons/b/': 'lesson b v2', '/_astro/app.2.js': 'app v2' };
    delete V2['/_astro/app.1.js'];
    net.state.site = V2;
    net.state.requests = [];
    const two = worker(manifestOf('v2', V2), caches, net.fetch).sw;
    await two.install();
    // Only what changed went over the network; lesson a and Pagefind were copied.
    expect(net.state.requests.sort()).toEqual(['/_astro/app.2.js', '/lessons/b/']);
    expect(caches.paths(cacheNameFor('v2'))).toEqual([
      '/__offline__/manifest.json',
      '/_astro/app.2.js',
      '/lessons/a/',
      '/lessons/b/',
      '/pagefind/pagefind.js',
    ]);
    const b = await (await caches.open(cacheNameFor('v2'))).match(`${ORIGIN}/lessons/b/`);
    expect(await b!.text()).toBe('lesson b v2');
  });

  it('does not copy files stored under other headers', async () => {
    const caches = new FakeCacheStorage();
    const net = server(V1);
    const one = worker(manifestOf('v1', V1), caches, net.fetch).sw;
    await one.install();
    net.state.requests = [];
    await worker(manifestOf('v2', V1, sha('new policy')), caches, net.fetch).sw.install();
    expect(net.state.requests.sort()).toEqual(['/_astro/app.1.js', '/pagefind/pagefind.js']);
  });

  it('after "Make available offline", a new version stores every page at install', async () => {
    const caches = new FakeCacheStorage();
    const net = server(V1);
    const one = worker(manifestOf('v1', V1), caches, net.fetch).sw;
    await one.install();
    await ask(one, { type: 'keep-all', value: true });
    await worker(manifestOf('v2', V1), caches, net.fetch).sw.install();
    expect(caches.paths(cacheNameFor('v2'))).toContain('/lessons/b/');
    expect(caches.paths(cacheNameFor('v2'))).toContain('/');
  });
});

describe('service worker: serving', () => {
  async function installed(site: Site = V1) {
    const caches = new FakeCacheStorage();
    const net = server(site);
    const w = worker(manifestOf('v1', V1), caches, net.fetch);
    await w.sw.install();
    await w.sw.activate();
    return { caches, net, ...w };
  }

  it('serves a stored asset from its version cache, offline too, ignoring the query', async () => {
    const { sw, net } = await installed();
    net.state.offline = true;
    const res = await sw.respond(get('/pagefind/pagefind.js?ts=123'))!;
    expect(await res.text()).toBe('pagefind v1');
  });

  it('stores a page on its first visit and serves it offline afterwards', async () => {
    const { sw, net, caches } = await installed();
    const first = await sw.respond(get('/lessons/a/', 'navigate'))!;
    expect(await first.text()).toBe('lesson a v1');
    expect(caches.paths(cacheNameFor('v1'))).toContain('/lessons/a/');
    net.state.offline = true;
    const again = await sw.respond(get('/lessons/a', 'navigate'))!;
    expect(await again.text()).toBe('lesson a v1');
    expect(again.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it('passes on, and does not store, a page the server already has in a newer build', async () => {
    const { sw, caches, calls } = await installed({ ...V1, '/lessons/b/': 'lesson b v2' });
    const res = await sw.respond(get('/lessons/b/', 'navigate'))!;
    expect(await res.text()).toBe('lesson b v2');
    expect(caches.paths(cacheNameFor('v1'))).not.toContain('/lessons/b/');
    expect(calls.updates).toBe(1);
  });

  it('answers an unsaved page offline with a page that says so, with the site headers', async () => {
    const { sw, net } = await installed();
    net.state.offline = true;
    const res = await sw.respond(get('/lessons/b/', 'navigate'))!;
    expect(res.status).toBe(503);
    expect(res.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(await res.text()).toMatch(/You are offline[\s\S]*\/lessons\/b\/[\s\S]*not saved/);
  });

  it('leaves other origins and other methods alone', async () => {
    const { sw } = await installed();
    expect(sw.respond(new Request('https://stackblitz.com/headless'))).toBeUndefined();
    expect(sw.respond(new Request(`${ORIGIN}/`, { method: 'POST', body: 'x' }))).toBeUndefined();
  });

  it('serves an older version’s script to a tab still showing that version', async () => {
    const { caches, net } = await installed();
    const V2: Site = { '/': 'home v2', '/_astro/app.2.js': 'app v2' };
    net.state.site = V2;
    const two = worker(manifestOf('v2', V2), caches, net.fetch).sw;
    await two.install();
    await two.activate();
    const old = await two.respond(get('/_astro/app.1.js'))!;
    expect(await old.text()).toBe('app v1');
  });
});

describe('service worker: activation and messages', () => {
  it('activates: claims the pages, keeps the version before, deletes older ones', async () => {
    const caches = new FakeCacheStorage();
    const net = server(V1);
    for (const v of ['v1', 'v2', 'v3']) {
      const { sw, calls } = worker(manifestOf(v, V1), caches, net.fetch);
      await sw.install();
      await sw.activate();
      expect(calls.claim).toBe(1);
    }
    expect((await caches.keys()).sort()).toEqual(
      [cacheNameFor('v2'), cacheNameFor('v3'), SETTINGS_CACHE].sort(),
    );
  });

  it('reports its status, stores on request and removes the offline copy', async () => {
    const caches = new FakeCacheStorage();
    const net = server(V1);
    const { sw } = worker(manifestOf('v1', V1), caches, net.fetch);
    await sw.install();
    expect(await ask(sw, { type: 'store', url: '/lessons/a/' })).toEqual({
      type: 'stored',
      url: '/lessons/a/',
      outcome: 'stored',
    });
    expect(await ask(sw, { type: 'store', url: '/lessons/a/' })).toMatchObject({
      outcome: 'present',
    });
    expect(await ask(sw, { type: 'store', url: '/nowhere/' })).toMatchObject({
      outcome: 'failed',
    });
    await ask(sw, { type: 'keep-all', value: true });
    const status = await ask(sw, { type: 'status' });
    expect(status).toMatchObject({ type: 'status', version: 'v1', keepAll: true });
    expect(status.type === 'status' && [...status.stored].sort()).toEqual([
      '/_astro/app.1.js',
      '/lessons/a/',
      '/pagefind/pagefind.js',
    ]);
    expect(await ask(sw, { type: 'remove-copy' })).toEqual({ type: 'removed', pages: 1 });
    expect(await ask(sw, { type: 'status' })).toMatchObject({
      keepAll: false,
      stored: ['/_astro/app.1.js', '/pagefind/pagefind.js'],
    });
  });

  it('takes over only when a page asks, and ignores what is not a question', async () => {
    const { sw, calls } = worker(manifestOf('v1', V1), new FakeCacheStorage(), server(V1).fetch);
    await sw.install();
    await sw.activate();
    expect(calls.skipWaiting).toBe(0);
    expect(sw.answer({ type: 'skip' })).toBeUndefined();
    expect(sw.answer('skip-waiting')).toBeUndefined();
    await ask(sw, { type: 'skip-waiting' });
    expect(calls.skipWaiting).toBe(1);
  });
});
