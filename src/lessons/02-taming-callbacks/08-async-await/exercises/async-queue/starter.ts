/**
 * An unbounded FIFO for async code, after Python's asyncio.Queue: `get` waits while it is
 * empty, and `join` waits until every item that was `put` has been marked done with `taskDone`.
 */
export class AsyncQueue<T> {
  #items: T[] = [];
  #getters: ((item: T) => void)[] = [];

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
    const getter = this.#getters.shift();
    if (getter) getter(item);
    else this.#items.push(item);
  }

  /** The oldest item; waits while there is none. Aborting `signal` gives up the wait. */
  get(signal?: AbortSignal): Promise<T> {
    void signal; // Your code here: honour the signal
    if (this.#items.length > 0)
      return Promise.resolve(this.#items.shift()!);
    return new Promise<T>((resolve) => this.#getters.push(resolve));
  }

  /** Marks one item taken with `get` as fully processed. */
  taskDone(): void {
    // Your code here
  }

  /** Resolves when every item put so far has been marked done. */
  join(): Promise<void> {
    // Wrong: an empty queue does not mean the work is done.
    return this.#items.length === 0
      ? Promise.resolve()
      : new Promise(() => {});
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

  async function worker(): Promise<void> {
    for (;;) {
      const url = await queue.get();
      fetched.push(url);
      for (const link of await fetchLinks(url)) {
        if (seen.has(link)) continue;
        seen.add(link);
        queue.put(link);
      }
    }
  }

  queue.put(root);
  for (let i = 0; i < concurrency; i++) void worker();
  await queue.join();
  return fetched; // Your code here: stop the workers, and wait for them
}
