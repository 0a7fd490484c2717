/**
 * One direction of a connection: the bytes in flight plus the receiver's buffer, modelled as one
 * queue with a capacity. Data is a string, one character per byte. Each chunk carries the virtual
 * time at which it reaches the receiver, so a network delay needs no extra copies.
 */
export class Pipe {
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
   * Later chunks, `#head` to `#tail - 1`, and their arrival times, in arrays made when a second
   * chunk is first queued. They are reused: once drained, both indices go back to 0.
   */
  #chunks: string[] | null = null;
  #arrive: number[] | null = null;
  #head = 0;
  #tail = 0;

  constructor(cap: number) {
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
    const chunks = (this.#chunks ??= []);
    const arrive = (this.#arrive ??= []);
    const i = this.#tail++;
    if (i < chunks.length) {
      chunks[i] = data;
      arrive[i] = at;
    } else {
      chunks.push(data);
      arrive.push(at);
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
        this.#advance();
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
    const chunks = this.#chunks;
    if (chunks !== null) for (let i = this.#head; i < this.#tail; i++) chunks[i] = '';
    this.#cur = null;
    this.#off = 0;
    this.#head = 0;
    this.#tail = 0;
    this.len = 0;
  }

  /** The oldest chunk is read: the next one (if any) takes its place. */
  #advance(): void {
    const head = this.#head;
    if (head === this.#tail) {
      this.#cur = null;
      return;
    }
    const chunks = this.#chunks as string[];
    this.#cur = chunks[head] as string;
    this.#curAt = (this.#arrive as number[])[head] as number;
    chunks[head] = '';
    this.#head = head + 1;
    if (this.#head === this.#tail) this.#head = this.#tail = 0;
    else if (this.#head > 64 && this.#head * 2 > this.#tail) this.#compact();
  }

  /** Moves the queued chunks to the front of the arrays. */
  #compact(): void {
    const chunks = this.#chunks as string[];
    const arrive = this.#arrive as number[];
    const head = this.#head;
    const tail = this.#tail;
    for (let i = head; i < tail; i++) {
      chunks[i - head] = chunks[i] as string;
      arrive[i - head] = arrive[i] as number;
      chunks[i] = '';
    }
    this.#head = 0;
    this.#tail = tail - head;
  }
}
