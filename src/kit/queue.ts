/**
 * A blocking FIFO queue between threads, like Python's `queue.Queue`: `get` blocks while it is
 * empty, `put` blocks while a bounded queue is full. The building block of a thread pool.
 */
import { POLLIN, POLLOUT } from './constants.ts';
import type { Core } from './core.ts';
import { KernelError } from './errors.ts';
import { Fifo } from './events.ts';
import type { Sc } from './ops.ts';
import { WaitQueue, type Waitable } from './task.ts';

/** A queue made by `k.queue()`; use it with `k.get`/`k.put` or `sys.get`/`sys.put`. */
export class Queue<T> implements Waitable {
  /** 0 means unbounded. */
  readonly maxsize: number;
  readonly name: string;
  readonly items = new Fifo<T>();
  readonly wq = new WaitQueue();

  constructor(name: string, maxsize: number) {
    this.name = name;
    this.maxsize = maxsize;
  }

  /** Items currently queued. */
  get size(): number {
    return this.items.size;
  }
}

/** Takes the oldest item, blocking while the queue is empty. */
export function* qget<T>(c: Core, q: Queue<T>): Sc<T> {
  if (!(q instanceof Queue))
    throw new KernelError('EINVAL', 'get', undefined, 'that is not a queue made by k.queue()');
  for (;;) {
    if (q.items.size > 0) {
      const item = q.items.shift() as T;
      c.notify(q.wq, POLLOUT);
      return item;
    }
    c.waitOn(q.wq, POLLIN);
    if (c.tracer.on) c.traceBlock('get', undefined, `${q.name} is empty`);
    yield c.block(`get on ${q.name} (empty)`);
  }
}

/** Appends an item, blocking while a bounded queue is full. */
export function* qput<T>(c: Core, q: Queue<T>, item: T): Sc<void> {
  if (!(q instanceof Queue))
    throw new KernelError('EINVAL', 'put', undefined, 'that is not a queue made by k.queue()');
  for (;;) {
    if (q.maxsize === 0 || q.items.size < q.maxsize) {
      q.items.push(item);
      c.notify(q.wq, POLLIN);
      return;
    }
    c.waitOn(q.wq, POLLOUT);
    if (c.tracer.on) c.traceBlock('put', undefined, `${q.name} is full`);
    yield c.block(`put on ${q.name} (full: ${q.maxsize} items)`);
  }
}
