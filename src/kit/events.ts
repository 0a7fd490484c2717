/**
 * The two queues the scheduler runs on: a queue of timed events, fired in (time, insertion order)
 * order, which keeps runs deterministic, and a FIFO of ready tasks.
 */
import { asSmi } from './smi.ts';

/**
 * What a timed event does: a plain function called with the kernel's state and two arguments.
 * `c.at(t, fn)` could take a closure, but a closure and its context are two more objects per
 * event, and a simulation with 10,000 sleeping clients makes tens of thousands of timers. A
 * static function plus its arguments, stored in the queue's own slots, allocates nothing: a
 * sleep's timeout is `(c, task, waitGen)`, a handshake `(c, socket, 0)`.
 */
export type EventFn<C, A> = (ctx: C, a: A, n: number) => void;

/** An event in the heap (the out-of-order ones; see {@link EventQueue}). */
interface Timed<C> {
  readonly t: number;
  readonly seq: number;
  readonly fn: EventFn<C, never>;
  readonly a: unknown;
  readonly n: number;
}

function before<C>(a: Timed<C>, b: Timed<C>): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

/**
 * A run of events in nondecreasing time order: a ring buffer of parallel arrays (times,
 * sequence numbers and the numeric argument in `Float64Array`s), so an event queued here is no
 * object at all. Appending keeps it sorted by (time, sequence) because sequences only grow.
 */
class Run<C> {
  t = new Float64Array(16);
  s = new Float64Array(16);
  n = new Float64Array(16);
  fn: (EventFn<C, never> | null)[] = new Array<EventFn<C, never> | null>(16).fill(null);
  a: unknown[] = new Array<unknown>(16).fill(null);
  /** Index of the oldest entry, and the number of entries. */
  head = 0;
  len = 0;
  /** Time of the last entry (the tail), -Infinity when empty: what a new entry must not precede. */
  last = -Infinity;

  append(t: number, seq: number, fn: EventFn<C, never>, a: unknown, n: number): void {
    if (this.len === this.t.length) this.#grow();
    const i = (this.head + this.len) & (this.t.length - 1);
    this.t[i] = t;
    this.s[i] = seq;
    this.n[i] = n;
    this.fn[i] = fn;
    this.a[i] = a;
    this.len++;
    this.last = t;
  }

  /** Drops the head entry (after the caller has read it). */
  shift(): void {
    const i = this.head;
    this.fn[i] = null; // let the task or socket it named go
    this.a[i] = null;
    this.head = (i + 1) & (this.t.length - 1);
    if (--this.len === 0) this.last = -Infinity;
  }

  #grow(): void {
    const cap = this.t.length;
    const t = new Float64Array(cap * 2);
    const s = new Float64Array(cap * 2);
    const n = new Float64Array(cap * 2);
    const fn = new Array<EventFn<C, never> | null>(cap * 2).fill(null);
    const a = new Array<unknown>(cap * 2).fill(null);
    for (let k = 0; k < cap; k++) {
      const j = (this.head + k) & (cap - 1);
      t[k] = this.t[j] as number;
      s[k] = this.s[j] as number;
      n[k] = this.n[j] as number;
      fn[k] = this.fn[j] as EventFn<C, never> | null;
      a[k] = this.a[j];
    }
    this.t = t;
    this.s = s;
    this.n = n;
    this.fn = fn;
    this.a = a;
    this.head = 0;
  }
}

/** True if run `r` is non-empty and its head comes before (time `t`, sequence `seq`). */
function headBefore<C>(r: Run<C>, t: number, seq: number): boolean {
  if (r.len === 0) return false;
  const rt = r.t[r.head] as number;
  return rt < t || (rt === t && (r.s[r.head] as number) < seq);
}

/**
 * Timed events keyed by virtual time (ns), FIFO among equal times: every event gets a sequence
 * number when pushed, and events fire in (time, sequence) order, exactly the order a single
 * min-heap would give. Three structures hold them:
 * - two **monotone runs** ({@link Run}): an event no earlier than a run's last entry is appended
 *   to it in O(1), with no allocation. Most events arrive that way: clients that connect one
 *   after another and then sleep the same time push deadlines in increasing order (one run),
 *   while handshakes and deliveries due "now" come in increasing order too (the other run). A
 *   new event goes to the run whose tail is the latest that does not come after it (best fit),
 *   which keeps the other run open for earlier times.
 * - a **binary heap** for the rest, earlier than both tails; it stays small.
 * `pop` takes the earliest of the three heads, comparing (time, sequence).
 */
export class EventQueue<C> {
  readonly #heap: Timed<C>[] = [];
  readonly #r1 = new Run<C>();
  readonly #r2 = new Run<C>();
  #seq = 0;
  /**
   * Time of the earliest event (Infinity if none), recomputed on each push and pop: main asks
   * for it on every system call (is anything due before the call's CPU cost has passed?), far
   * more often than events come and go.
   */
  #first = Infinity;

  /** The event `pop` just removed: its time, function and arguments (no object per event). */
  t = 0;
  fn: EventFn<C, never> | null = null;
  a: unknown = null;
  n = 0;

  /** Number of pending events. */
  get size(): number {
    return this.#heap.length + this.#r1.len + this.#r2.len;
  }

  /** Schedules `fn(ctx, a, n)` at virtual time `t` (ns). */
  push<A>(t: number, fn: EventFn<C, A>, a: A, n: number): void {
    const seq = this.#seq++;
    const f = fn as EventFn<C, never>;
    const r1 = this.#r1;
    const r2 = this.#r2;
    // NaN fits neither run (every comparison is false) and goes to the heap, as before.
    if (t >= r1.last) {
      if (t >= r2.last && r2.last > r1.last) r2.append(t, seq, f, a, n);
      else r1.append(t, seq, f, a, n);
      this.#first = this.#earliest();
      return;
    }
    if (t >= r2.last) {
      r2.append(t, seq, f, a, n);
      this.#first = this.#earliest();
      return;
    }
    const h = this.#heap;
    const item: Timed<C> = { t, seq, fn: f, a, n };
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Timed<C>;
      if (!before(item, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = item;
    this.#first = this.#earliest();
  }

  /** Time of the earliest event, or Infinity. */
  peekTime(): number {
    return this.#first;
  }

  #earliest(): number {
    const top = this.#heap[0];
    let t = top === undefined ? Infinity : top.t;
    const r1 = this.#r1;
    const r2 = this.#r2;
    if (r1.len > 0 && (r1.t[r1.head] as number) < t) t = r1.t[r1.head] as number;
    if (r2.len > 0 && (r2.t[r2.head] as number) < t) t = r2.t[r2.head] as number;
    return asSmi(t);
  }

  /**
   * Removes the earliest event into `t`, `fn`, `a` and `n`; false if there is none. The caller
   * copies them before running the event (which may push and pop others).
   */
  pop(): boolean {
    const top = this.#heap[0];
    let r: Run<C> | null = null;
    let t = Infinity;
    let seq = Infinity;
    if (top !== undefined) {
      t = top.t;
      seq = top.seq;
    }
    const r1 = this.#r1;
    const r2 = this.#r2;
    if (headBefore(r1, t, seq)) {
      r = r1;
      t = r1.t[r1.head] as number;
      seq = r1.s[r1.head] as number;
    }
    if (headBefore(r2, t, seq)) r = r2;
    if (r !== null) {
      const i = r.head;
      // Smis where they fit (see smi.ts): the clock is set from `t`, and `n` is an argument.
      this.t = asSmi(r.t[i] as number);
      this.n = asSmi(r.n[i] as number);
      this.fn = r.fn[i] as EventFn<C, never>;
      this.a = r.a[i];
      r.shift();
      this.#first = this.#earliest();
      return true;
    }
    if (top === undefined) return false;
    this.#popHeap();
    this.t = top.t;
    this.fn = top.fn;
    this.a = top.a;
    this.n = top.n;
    this.#first = this.#earliest();
    return true;
  }

  #popHeap(): void {
    const h = this.#heap;
    const last = h.pop() as Timed<C>;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r] as Timed<C>, h[l] as Timed<C>) ? r : l;
      if (!before(h[c] as Timed<C>, last)) break;
      h[i] = h[c] as Timed<C>;
      i = c;
    }
    h[i] = last;
  }
}

/**
 * A first-in first-out queue with O(1) shift: a ring buffer whose capacity (a power of two)
 * doubles when full, so a queue that is filled and drained over and over allocates nothing.
 */
export class Fifo<T> {
  #items: (T | undefined)[] = new Array<T | undefined>(16).fill(undefined);
  #head = 0;
  #size = 0;

  /** Number of queued items. */
  get size(): number {
    return this.#size;
  }

  /** Appends at the tail. */
  push(item: T): void {
    if (this.#size === this.#items.length) this.#grow();
    this.#items[(this.#head + this.#size) & (this.#items.length - 1)] = item;
    this.#size++;
  }

  /** The item at the head, left in place; undefined if none. */
  peek(): T | undefined {
    return this.#size === 0 ? undefined : this.#items[this.#head];
  }

  /** Removes from the head. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const items = this.#items;
    const i = this.#head;
    const item = items[i];
    items[i] = undefined;
    this.#head = (i + 1) & (items.length - 1);
    this.#size--;
    return item;
  }

  #grow(): void {
    const old = this.#items;
    const n = old.length;
    const items = new Array<T | undefined>(n * 2).fill(undefined);
    for (let i = 0; i < n; i++) items[i] = old[(this.#head + i) & (n - 1)];
    this.#items = items;
    this.#head = 0;
  }
}
