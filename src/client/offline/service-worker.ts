/**
 * The service worker's behaviour, written against an environment object so that unit tests can
 * drive it with a fake CacheStorage and fetch; `sw-entry.ts` binds it to the real worker.
 *
 * One cache per version (`course-files-<version>`): every file the worker serves for a URL of its
 * manifest comes from its own cache, and a file enters that cache only when its bytes hash to the
 * manifest's value. So a page of one build never runs with a script of another, even while the
 * server already sends a newer build (that response is passed through, not stored, and the worker
 * asks the browser to look for its successor).
 */
import {
  CACHE_PREFIX,
  cacheNameFor,
  isPage,
  lookupKey,
  parseManifest,
  sha256Hex,
  type ManifestFile,
  type OfflineManifest,
} from './manifest.ts';
import { parseRequest, type CacheOutcome, type Reply, type Request } from './messages.ts';
import { offlinePageHtml } from './offline-page.ts';
import { cachesToDelete, planInstall, type StoredVersion } from './plan.ts';
import { eachLimited } from './pool.ts';

/** Where the worker keeps what outlives a version: the reader's choice and the active version. */
export const SETTINGS_CACHE = 'course-offline-settings';
/** Keys inside caches that are not files of the site. */
const META = '/__offline__/';
const MANIFEST_KEY = `${META}manifest.json`;
const KEEP_ALL_KEY = `${META}keep-all`;
const ACTIVE_KEY = `${META}active-version`;
/** Downloads at once, at install and for a page's `store` requests. */
const PARALLEL = 6;

export interface SwEnvironment {
  readonly manifest: OfflineManifest;
  /** The worker's origin, `https://host`. */
  readonly origin: string;
  readonly caches: CacheStorage;
  readonly fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** Headers of every response of the site (for the offline page the worker makes itself). */
  readonly headers: Readonly<Record<string, string>>;
  readonly skipWaiting: () => Promise<void>;
  readonly claimClients: () => Promise<void>;
  /** Asks the browser to look for a newer worker (`registration.update()`). */
  readonly checkForUpdate: () => void;
}

export interface ServiceWorkerLogic {
  install(): Promise<void>;
  activate(): Promise<void>;
  /** The response for a request, or undefined to leave it to the network. */
  respond(request: globalThis.Request): Promise<Response> | undefined;
  /** Answers a page's message; undefined for messages that are not questions. */
  answer(data: unknown): Promise<Reply> | undefined;
}

/** A copy of a response with its bytes in hand; body-length headers no longer apply. */
function rebuilt(body: ArrayBuffer, from: Response): Response {
  const headers = new Headers(from.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  return new Response(body, { status: from.status, statusText: from.statusText, headers });
}

export function createServiceWorker(env: SwEnvironment): ServiceWorkerLogic {
  const { manifest, origin } = env;
  const current = cacheNameFor(manifest.version);
  const byUrl = new Map(manifest.files.map((f) => [f.url, f] as const));
  const abs = (path: string): string => new URL(path, origin).href;
  const pathOf = (request: globalThis.Request): string => new URL(request.url).pathname;

  const open = (): Promise<Cache> => env.caches.open(current);

  async function storedUrls(cache: Cache): Promise<Set<string>> {
    const keys = await cache.keys();
    return new Set(keys.map(pathOf).filter((p) => !p.startsWith(META)));
  }

  async function keepAll(): Promise<boolean> {
    const settings = await env.caches.open(SETTINGS_CACHE);
    return (await settings.match(abs(KEEP_ALL_KEY))) !== undefined;
  }

  /** Fetches a file of this version; stores it when its bytes are this version's. */
  async function fetchVerified(
    file: ManifestFile,
    cache: Cache,
  ): Promise<{ outcome: CacheOutcome; response?: Response }> {
    let res: Response;
    try {
      // Past the HTTP cache: a stale copy there could be another build's bytes.
      res = await env.fetch(abs(file.url), { cache: 'no-cache' });
    } catch {
      return { outcome: 'failed' };
    }
    if (!res.ok) return { outcome: 'failed', response: res };
    let body: ArrayBuffer;
    try {
      body = await res.arrayBuffer();
    } catch {
      return { outcome: 'failed' };
    }
    if ((await sha256Hex(body)) !== file.hash) {
      env.checkForUpdate();
      return { outcome: 'changed', response: rebuilt(body, res) };
    }
    await cache.put(abs(file.url), rebuilt(body, res));
    return { outcome: 'stored', response: rebuilt(body, res) };
  }

  async function store(file: ManifestFile): Promise<CacheOutcome> {
    const cache = await open();
    if (await cache.match(abs(file.url))) return 'present';
    return (await fetchVerified(file, cache)).outcome;
  }

  function offlineResponse(path: string): Response {
    return new Response(offlinePageHtml(path), {
      status: 503,
      statusText: 'Offline',
      headers: {
        ...env.headers,
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      },
    });
  }

  async function serveFile(file: ManifestFile, request: globalThis.Request): Promise<Response> {
    const cache = await open();
    const hit = await cache.match(abs(file.url));
    if (hit) return hit;
    const { response } = await fetchVerified(file, cache);
    if (response) return response;
    return request.mode === 'navigate' ? offlineResponse(file.url) : Response.error();
  }

  /**
   * A URL of no file of this version: a page that does not exist (the server's 404 page), or a
   * script an older page still asks for after the update (kept in the previous version's cache).
   */
  async function serveOther(request: globalThis.Request): Promise<Response> {
    if (request.mode !== 'navigate') {
      const old = await env.caches.match(request.url, { ignoreSearch: true });
      if (old) return old;
    }
    try {
      return await env.fetch(request.url, { cache: 'no-cache' });
    } catch {
      if (request.mode === 'navigate') return offlineResponse(pathOf(request));
      return Response.error();
    }
  }

  async function previousVersions(): Promise<StoredVersion[]> {
    const out: StoredVersion[] = [];
    for (const name of await env.caches.keys()) {
      if (!name.startsWith(CACHE_PREFIX) || name === current) continue;
      const cache = await env.caches.open(name);
      const meta = await cache.match(abs(MANIFEST_KEY));
      const old = meta ? parseManifest(await meta.json().catch(() => undefined)) : undefined;
      if (old) out.push({ cacheName: name, manifest: old, stored: await storedUrls(cache) });
    }
    return out;
  }

  async function install(): Promise<void> {
    const cache = await open();
    await cache.put(
      abs(MANIFEST_KEY),
      new Response(JSON.stringify(manifest), { headers: { 'Content-Type': 'application/json' } }),
    );
    const have = await storedUrls(cache);
    const plan = planInstall(manifest, await previousVersions(), await keepAll());
    const required = plan.fetchRequired.filter((f) => !have.has(f.url));
    const optional = plan.fetchOptional.filter((f) => !have.has(f.url));
    for (const { file, from } of plan.copy) {
      if (have.has(file.url)) continue;
      const old = await (await env.caches.open(from)).match(abs(file.url));
      if (old) await cache.put(abs(file.url), old);
      else (isPage(file.url) ? optional : required).push(file);
    }
    const missing: string[] = [];
    await eachLimited(required, PARALLEL, async (file) => {
      const outcome = (await fetchVerified(file, cache)).outcome;
      if (outcome !== 'stored') missing.push(`${file.url} (${outcome})`);
    });
    // Without every asset this version could not run offline: give up, and let the browser try
    // again later (or install a newer worker). The version that is active stays in charge.
    if (missing.length > 0) throw new Error(`could not store ${missing.join(', ')}`);
    await eachLimited(optional, PARALLEL, async (file) => {
      await fetchVerified(file, cache);
    });
  }

  async function activate(): Promise<void> {
    const settings = await env.caches.open(SETTINGS_CACHE);
    const before = await settings.match(abs(ACTIVE_KEY));
    const previous = before ? cacheNameFor(await before.text()) : undefined;
    await settings.put(abs(ACTIVE_KEY), new Response(manifest.version));
    // Keep the version before this one: tabs still showing it may load its scripts lazily.
    for (const name of cachesToDelete(await env.caches.keys(), CACHE_PREFIX, current, previous))
      await env.caches.delete(name);
    await env.claimClients();
  }

  function respond(request: globalThis.Request): Promise<Response> | undefined {
    if (request.method !== 'GET') return undefined;
    if (new URL(request.url).origin !== origin) return undefined;
    const key = lookupKey(request.url, origin, byUrl);
    if (key === undefined) return serveOther(request);
    return serveFile(byUrl.get(key)!, request);
  }

  async function handle(request: Request): Promise<Reply> {
    switch (request.type) {
      case 'status': {
        const cache = await open();
        return {
          type: 'status',
          version: manifest.version,
          files: manifest.files.map(({ url, size }) => ({ url, size })),
          stored: [...(await storedUrls(cache))].filter((u) => byUrl.has(u)).sort(), // stable order
          keepAll: await keepAll(),
        };
      }
      case 'store': {
        const key = lookupKey(abs(request.url), origin, byUrl);
        const outcome = key === undefined ? 'failed' : await store(byUrl.get(key)!);
        return { type: 'stored', url: request.url, outcome };
      }
      case 'keep-all': {
        const settings = await env.caches.open(SETTINGS_CACHE);
        if (request.value) await settings.put(abs(KEEP_ALL_KEY), new Response('1'));
        else await settings.delete(abs(KEEP_ALL_KEY));
        return { type: 'ok' };
      }
      case 'remove-copy': {
        const settings = await env.caches.open(SETTINGS_CACHE);
        await settings.delete(abs(KEEP_ALL_KEY));
        const cache = await open();
        let pages = 0;
        for (const key of await cache.keys()) {
          const path = pathOf(key);
          if (!path.startsWith(META) && isPage(path) && (await cache.delete(key))) pages++;
        }
        for (const name of cachesToDelete(await env.caches.keys(), CACHE_PREFIX, current, current))
          await env.caches.delete(name);
        return { type: 'removed', pages };
      }
      case 'skip-waiting':
        await env.skipWaiting();
        return { type: 'ok' };
    }
  }

  function answer(data: unknown): Promise<Reply> | undefined {
    const request = parseRequest(data);
    return request ? handle(request) : undefined;
  }

  return { install, activate, respond, answer };
}
