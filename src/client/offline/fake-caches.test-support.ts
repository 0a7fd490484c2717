/**
 * An in-memory CacheStorage with the behaviour the service worker relies on (match by URL,
 * optionally ignoring the query; put; keys; delete; caches listed in creation order), so that
 * `service-worker.ts` is tested on Node without a browser.
 */
interface Stored {
  readonly body: ArrayBuffer;
  readonly init: ResponseInit;
}

const urlOf = (key: RequestInfo | URL): string =>
  typeof key === 'string' ? key : key instanceof URL ? key.href : key.url;

const withoutQuery = (url: string): string => url.split('?')[0]!;

export class FakeCache {
  readonly entries = new Map<string, Stored>();

  async match(key: RequestInfo | URL, options?: CacheQueryOptions): Promise<Response | undefined> {
    const url = urlOf(key);
    const hit = options?.ignoreSearch
      ? [...this.entries].find(([k]) => withoutQuery(k) === withoutQuery(url))?.[1]
      : this.entries.get(url);
    return hit ? new Response(hit.body.slice(0), hit.init) : undefined;
  }

  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    const body = await response.arrayBuffer();
    const headers: Record<string, string> = {};
    response.headers.forEach((v, k) => (headers[k] = v));
    this.entries.set(urlOf(key), {
      body,
      init: { status: response.status, statusText: response.statusText, headers },
    });
  }

  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((u) => new Request(u));
  }

  async delete(key: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(urlOf(key));
  }
}

export class FakeCacheStorage {
  readonly caches = new Map<string, FakeCache>();

  async open(name: string): Promise<FakeCache> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new FakeCache()));
    return cache;
  }

  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }

  async has(name: string): Promise<boolean> {
    return this.caches.has(name);
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }

  async match(key: RequestInfo | URL, options?: CacheQueryOptions): Promise<Response | undefined> {
    for (const cache of this.caches.values()) {
      const hit = await cache.match(key, options);
      if (hit) return hit;
    }
    return undefined;
  }

  /** The URL paths stored in one cache, sorted. */
  paths(name: string): string[] {
    return [...(this.caches.get(name)?.entries.keys() ?? [])]
      .map((u) => new URL(u).pathname)
      .sort();
  }
}
