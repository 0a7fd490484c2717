/**
 * The two queues the scheduler runs on: a min-heap of timed callbacks (ties broken by insertion
 * order, which keeps runs deterministic) and a FIFO of ready tasks.
 */

interface Timed {
  readonly t: number;
  readonly seq: number;
  readonly fn: () => void;
}

function before(a: Timed, b: Timed): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

/** A min-heap of callbacks keyed by virtual time (ns), FIFO among equal times. */
export class EventQueue {
  readonly #heap: Timed[] = [];
  #seq = 0;

  /** Number of pending events. */
  get size(): number {
    return this.#heap.length;
  }

  /** Schedules `fn` at virtual time `t` (ns). */
  push(t: number, fn: () => void): void {
    const h = this.#heap;
    const item = { t, seq: this.#seq++, fn };
    let i = h.length;
    h.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Timed;
      if (!before(item, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = item;
  }

  /** Time of the earliest event, or Infinity. */
  peekTime(): number {
    return this.#heap[0]?.t ?? Infinity;
  }

  /** Removes and returns the earliest event. */
  pop(): Timed | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && before(h[r] as Timed, h[l] as Timed) ? r : l;
      if (!before(h[c] as Timed, last)) break;
      h[i] = h[c] as Timed;
      i = c;
    }
    h[i] = last;
    return top;
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
