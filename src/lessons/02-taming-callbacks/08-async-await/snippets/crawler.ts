// @runtime browser
// A crawler with 3 workers on the kit: pages link to pages, the site answers
// after a random (seeded) latency, and no page is fetched twice.
import { Kernel } from '#kit';
import { Loop } from '#lib/aio';

const site: Record<string, string[]> = {
  '/': ['/about', '/blog', '/shop'],
  '/about': ['/', '/team'],
  '/blog': ['/blog/1', '/blog/2', '/blog/3'],
  '/blog/1': ['/blog/2', '/about'],
  '/blog/2': ['/blog/3'],
  '/blog/3': ['/blog'],
  '/shop': ['/shop/cart', '/shop/a', '/shop/b'],
  '/shop/a': ['/shop/cart'],
  '/shop/b': ['/shop/cart', '/shop/a'],
  '/shop/cart': ['/'],
  '/team': ['/about'],
};
const k = new Kernel({ seed: 4, syscallCost: 0 });
const loop = new Loop(k);
const web = k.service('web', {
  latency: { min: 20, max: 200 },
  reply: (req) => (site[req.slice(4)] ?? []).join(' '), // 'GET /x' -> its links
});
const ms = (t: number) => String(Math.round(t)).padStart(3);

// #region queue
/** A FIFO whose get() waits while it is empty (put/get only: no join yet). */
class Channel<T> {
  #items: T[] = [];
  #getters: ((item: T) => void)[] = [];
  put(item: T): void {
    const getter = this.#getters.shift();
    if (getter) getter(item);
    else this.#items.push(item);
  }
  get(): Promise<T> {
    if (this.#items.length > 0)
      return Promise.resolve(this.#items.shift()!);
    return new Promise((resolve) => this.#getters.push(resolve));
  }
}
// #endregion

const todo = new Channel<string | null>(); // null tells a worker to stop
const seen = new Set(['/']);
let unfinished = 1; // URLs put and not yet fully processed
let allDone!: () => void;
const finished = new Promise<void>((r) => (allDone = r));

// #region worker
async function worker(id: number): Promise<void> {
  for (
    let url = await todo.get();
    url !== null;
    url = await todo.get()
  ) {
    // #region slide-links
    const start = loop.now();
    const links = (await loop.fetch(web, `GET ${url}`)).split(' ');
    console.log(`w${id}  ${ms(start)}-${ms(loop.now())} ms  ${url}`);
    for (const link of links.filter((l) => l && !seen.has(l))) {
      seen.add(link); // mark before the fetch: no URL is queued twice
      unfinished++;
      todo.put(link);
      // #endregion
    }
    if (--unfinished === 0) allDone(); // the last page's links are queued too
  }
}
// #endregion

await loop.run(async () => {
  todo.put('/');
  const workers = [1, 2, 3].map(worker);
  await finished; // every URL processed, none in flight
  for (const _ of workers) todo.put(null);
  await Promise.all(workers);
});
console.log(
  `${seen.size} pages in ${ms(loop.now())} ms of virtual time`,
);
