/**
 * One direction of a connection: the bytes in flight plus the receiver's buffer, modelled as one
 * queue with a capacity. Data is a string, one character per byte. Each chunk carries the virtual
 * time at which it reaches the receiver, so a network delay needs no extra copies.
 */
import { WaitQueue } from './task.ts';

/**
 * A pipe. It is a `WaitQueue` only for its subclass: a socket is its own receive pipe and its own
 * wait queue (see socket.ts), so a connection end is one object. The pipe's code never uses it.
 */
export class Pipe extends WaitQueue {
  /** Capacity in bytes: sends beyond it block (or return a partial count, or EAGAIN). */
  cap: number;
  /** Bytes queued and not yet read (including those still in flight). */
  len = 0;
  /**
   * The oldest queued chunk (null when none), when it arrives (ns) and how much of it was read.
   * Kept in fields: a request/reply exchange has one chunk at a time and touches no array.
   */
  #cur: string | null = null;
  #curAt = 0;
  #off = 0;
  /**
   * Later chunks, made when a second chunk is first queued and kept (reused) after that. In an
   * object of their own, made on first use, rather than four fields of every pipe: a socket is
   * its receive pipe, and a smaller socket is cheaper to allocate, to copy in the garbage
   * collector and to bring back into the cache (see socket.ts).
   */
  #later: LaterChunks | null = null;

  constructor(cap: number) {
    super();
    this.cap = cap;
  }

  /** Free space in bytes. */
  free(): number {
    return this.cap > this.len ? this.cap - this.len : 0;
  }

  /** Queues `data`, readable from virtual time `at` (ns). */
  push(data: string, at: number): void {
    this.len += data.length;
    if (this.#cur === null) {
      this.#cur = data;
      this.#curAt = at;
      return;
    }
    const q = (this.#later ??= new LaterChunks());
    const i = q.tail++;
    if (i < q.chunks.length) {
      q.chunks[i] = data;
      q.arrive[i] = at;
    } else {
      q.chunks.push(data);
      q.arrive.push(at);
    }
  }

  /** True when some byte has arrived by `now`. */
  readableAt(now: number): boolean {
    return this.#cur !== null && this.#curAt <= now;
  }

  /** Takes up to `n` bytes that have arrived by `now`. */
  read(n: number, now: number): string {
    let out = '';
    while (out.length < n && this.readableAt(now)) {
      const chunk = this.#cur as string;
      const want = n - out.length;
      const rest = chunk.length - this.#off;
      if (rest <= want) {
        out += this.#off === 0 ? chunk : chunk.slice(this.#off);
        this.#off = 0;
        this.advance();
      } else {
        out += chunk.slice(this.#off, this.#off + want);
        this.#off += want;
      }
    }
    this.len -= out.length;
    return out;
  }

  /** Drops everything (a reset discards unread data). */
  clear(): void {
    const q = this.#later;
    if (q !== null) {
      for (let i = q.head; i < q.tail; i++) q.chunks[i] = '';
      q.head = 0;
      q.tail = 0;
    }
    this.#cur = null;
    this.#off = 0;
    this.len = 0;
  }

  /** The oldest chunk is read: the next one (if any) takes its place. */
  private advance(): void {
    const q = this.#later;
    if (q === null || q.head === q.tail) {
      this.#cur = null;
      return;
    }
    const head = q.head;
    this.#cur = q.chunks[head] as string;
    this.#curAt = q.arrive[head] as number;
    q.chunks[head] = '';
    q.head = head + 1;
    if (q.head === q.tail) q.head = q.tail = 0;
    else if (q.head > 64 && q.head * 2 > q.tail) q.compact();
  }
}

/**
 * A pipe's chunks after the oldest, `head` to `tail - 1`, and their arrival times. Reused: once
 * drained, both indices go back to 0.
 */
class LaterChunks {
  readonly chunks: string[] = [];
  readonly arrive: number[] = [];
  head = 0;
  tail = 0;

  /** Moves the queued chunks to the front of the arrays. */
  compact(): void {
    const { chunks, arrive, head, tail } = this;
    for (let i = head; i < tail; i++) {
      chunks[i - head] = chunks[i] as string;
      arrive[i - head] = arrive[i] as number;
      chunks[i] = '';
    }
    this.head = 0;
    this.tail = tail - head;
  }
}
