import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeCacheStorage } from '../src/client/offline/fake-caches.test-support.ts';
import { cacheNameFor, parseManifest, urlForFile } from '../src/client/offline/manifest.ts';
import { siteHeaders } from '../src/course/headers.ts';
import { buildOffline, urlFor } from './build-offline.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const SITE: Record<string, string> = {
  'index.html': '<!doctype html><title>home</title>',
  '404.html': '<!doctype html><title>404</title>',
  'lessons/the-reactor/index.html': '<!doctype html><title>reactor</title>',
  '_astro/editor.abc.js': 'export const editor = 1;',
  '_astro/worker-main-xyz.js': 'postMessage(1);',
  'pagefind/pagefind-entry.json': '{"version":"1.5.2"}',
  'pagefind/wasm.en.pagefind': 'wasm bytes',
  _headers: '/*\n  X: y\n',
  '.DS_Store': 'junk',
};

function fixture(site = SITE): string {
  const dir = mkdtempSync(join(tmpdir(), 'build-offline-'));
  dirs.push(dir);
  for (const [path, body] of Object.entries(site)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return dir;
}

describe('scripts/build-offline.ts', () => {
  it('lists every served file with its hash and size, and writes sw.js', async () => {
    const dir = fixture();
    const result = await buildOffline(dir);
    expect(result.files.map((f) => f.url)).toEqual([
      '/',
      '/404.html',
      '/_astro/editor.abc.js',
      '/_astro/worker-main-xyz.js',
      '/lessons/the-reactor/',
      '/pagefind/pagefind-entry.json',
      '/pagefind/wasm.en.pagefind',
    ]);
    const entry = result.files.find((f) => f.url === '/pagefind/wasm.en.pagefind')!;
    expect(entry).toEqual({
      url: '/pagefind/wasm.en.pagefind',
      size: 10,
      hash: createHash('sha256').update('wasm bytes').digest('hex'),
    });
    // The page side reads the same format and names files the same way.
    expect(
      parseManifest({
        version: result.version,
        headersHash: result.headersHash,
        files: result.files,
      }),
    ).toBeDefined();
    for (const path of Object.keys(SITE).filter((p) => !p.startsWith('_h') && !p.startsWith('.')))
      expect(urlFor(path)).toBe(urlForFile(path));
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(sw).toContain(result.version);
    expect(result.workerBytes).toBeLessThan(30_000);
  });

  it('keeps the version of an unchanged build, and changes it with any byte', async () => {
    const a = await buildOffline(fixture());
    const b = await buildOffline(fixture());
    const c = await buildOffline(
      fixture({ ...SITE, '_astro/editor.abc.js': 'export const editor = 2;' }),
    );
    expect(a.version).toMatch(/^[0-9a-f]{16}$/);
    expect(b.version).toBe(a.version);
    expect(c.version).not.toBe(a.version);
    expect((await buildOffline(fixture(), 'test-2')).version).toBe('test-2');
    await expect(buildOffline(fixture(), 'no spaces')).rejects.toThrow(/bad version/);
    await expect(buildOffline(fixture({ 'x.js': '1' }))).rejects.toThrow(/no index\.html/);
  });

  it('the written sw.js runs: it installs the assets of its build and serves them offline', async () => {
    const dir = fixture();
    const { version } = await buildOffline(dir, 'v-test');
    const listeners = new Map<string, (e: unknown) => void>();
    const caches = new FakeCacheStorage();
    let offline = false;
    const fakeFetch = async (url: string): Promise<Response> => {
      if (offline) throw new TypeError('Failed to fetch');
      const path = new URL(url).pathname.slice(1);
      const file = path === '' ? 'index.html' : path.endsWith('/') ? `${path}index.html` : path;
      return new Response(readFileSync(join(dir, file)), { headers: siteHeaders });
    };
    const self = {
      location: new URL('https://course.test/sw.js'),
      registration: { update: async () => undefined },
      clients: { claim: async () => undefined },
      skipWaiting: async () => undefined,
      addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, l),
    };
    new Function('self', 'caches', 'fetch', readFileSync(join(dir, 'sw.js'), 'utf8'))(
      self,
      caches,
      fakeFetch,
    );
    expect([...listeners.keys()].sort()).toEqual(['activate', 'fetch', 'install', 'message']);
    let installed: Promise<unknown> = Promise.resolve();
    listeners.get('install')!({ waitUntil: (p: Promise<unknown>) => (installed = p) });
    await installed;
    expect(caches.paths(cacheNameFor(version))).toEqual([
      '/__offline__/manifest.json',
      '/_astro/editor.abc.js',
      '/_astro/worker-main-xyz.js',
      '/pagefind/pagefind-entry.json',
      '/pagefind/wasm.en.pagefind',
    ]);
    offline = true;
    let served: Promise<Response> | undefined;
    listeners.get('fetch')!({
      request: new Request('https://course.test/_astro/worker-main-xyz.js'),
      respondWith: (p: Promise<Response>) => (served = p),
    });
    expect(await (await served!).text()).toBe('postMessage(1);');
  });
});
