/**
 * An unbounded FIFO for async code, after Python's asyncio.Queue: `get` waits while it is
 * empty, and `join` waits until every item that was `put` has been marked done with `taskDone`.
 */
export class AsyncQueue<T> {
  #items: T[] = [];
  #getters: {
    resolve: (item: T) => void;
    reject: (e: unknown) => void;
  }[] = [];
  #unfinished = 0;
  #joiners: (() => void)[] = [];

  /** Items waiting to be taken. */
  get size(): number {
    return this.#items.length;
  }

  /** Calls to `get` waiting for an item. */
  get waiting(): number {
    return this.#getters.length;
  }

  /** Adds an item: hands it to the oldest waiting getter, or keeps it. */
  put(item: T): void {
    this.#unfinished++;
    const getter = this.#getters.shift();
    if (getter) getter.resolve(item);
    else this.#items.push(item);
  }

  /** The oldest item; waits while there is none. Aborting `signal` gives up the wait. */
  get(signal?: AbortSignal): Promise<T> {
    if (this.#items.length > 0)
      return Promise.resolve(this.#items.shift()!);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const getter = {
        resolve: (item: T) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(item);
        },
        reject,
      };
      const onAbort = () => {
        this.#getters.splice(this.#getters.indexOf(getter), 1); // never hand it an item
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#getters.push(getter);
    });
  }

  /** Marks one item taken with `get` as fully processed. */
  taskDone(): void {
    if (this.#unfinished === 0)
      throw new Error('taskDone() called more times than put()');
    if (--this.#unfinished === 0)
      for (const wake of this.#joiners.splice(0)) wake();
  }

  /** Resolves when every item put so far has been marked done. */
  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise((resolve) => this.#joiners.push(resolve));
  }
}

/**
 * Fetches every page reachable from `root` exactly once, with `concurrency` workers, and
 * returns the URLs in the order their fetches started. `fetchLinks(url)` returns a page's links.
 */
export async function crawl(
  root: string,
  fetchLinks: (url: string) => Promise<string[]>,
  concurrency: number,
  queue = new AsyncQueue<string>(),
): Promise<string[]> {
  const seen = new Set([root]);
  const fetched: string[] = [];
  const stop = new AbortController();

  async function worker(): Promise<void> {
    for (;;) {
      const url = await queue.get(stop.signal); // rejects when the crawl is over
      try {
        fetched.push(url);
        for (const link of await fetchLinks(url)) {
          if (seen.has(link)) continue;
          seen.add(link);
          queue.put(link);
        }
      } finally {
        queue.taskDone(); // after its links are queued, so join cannot end early
      }
    }
  }

  queue.put(root);
  const workers = Array.from({ length: concurrency }, worker);
  await queue.join();
  stop.abort();
  await Promise.allSettled(workers);
  return fetched;
}
