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
  #chunks: string[] = [];
  #arrive: number[] = [];
  #head = 0;
  #offset = 0;

  constructor(cap: number) {
    this.cap = cap;
  }

  /** Free space in bytes. */
  free(): number {
    return this.cap > this.len ? this.cap - this.len : 0;
  }

  /** Queues `data`, readable from virtual time `at` (ns). */
  push(data: string, at: number): void {
    this.#chunks.push(data);
    this.#arrive.push(at);
    this.len += data.length;
  }

  /** True when some byte has arrived by `now`. */
  readableAt(now: number): boolean {
    const t = this.#arrive[this.#head];
    return t !== undefined && t <= now;
  }

  /** Takes up to `n` bytes that have arrived by `now`. */
  read(n: number, now: number): string {
    let out = '';
    while (out.length < n && this.readableAt(now)) {
      const chunk = this.#chunks[this.#head] as string;
      const want = n - out.length;
      const rest = chunk.length - this.#offset;
      if (rest <= want) {
        out += this.#offset === 0 ? chunk : chunk.slice(this.#offset);
        this.#chunks[this.#head] = '';
        this.#head++;
        this.#offset = 0;
      } else {
        out += chunk.slice(this.#offset, this.#offset + want);
        this.#offset += want;
      }
    }
    this.len -= out.length;
    if (this.#head > 64 && this.#head * 2 > this.#chunks.length) this.#compact();
    return out;
  }

  /** Drops everything (a reset discards unread data). */
  clear(): void {
    this.#chunks = [];
    this.#arrive = [];
    this.#head = 0;
    this.#offset = 0;
    this.len = 0;
  }

  #compact(): void {
    this.#chunks = this.#chunks.slice(this.#head);
    this.#arrive = this.#arrive.slice(this.#head);
    this.#head = 0;
  }
}
