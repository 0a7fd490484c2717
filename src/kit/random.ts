/**
 * A seeded pseudo-random generator (mulberry32). The kit never calls `Math.random`, so the same
 * seed gives the same arrivals, latencies and trace, byte for byte.
 */
export class Random {
  #state: number;

  /** Seeds the generator; any integer works (it is reduced to 32 bits). */
  constructor(seed = 1) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** An exponentially distributed value with the given mean (gaps of a Poisson process). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty array');
    return item;
  }

  /**
   * `count` arrival times (ms) of a Poisson process starting at `start` with mean gap `meanGap`,
   * rounded to the microsecond so they print cleanly.
   */
  arrivals(count: number, meanGap: number, start = 0): number[] {
    const out: number[] = [];
    let t = start;
    for (let i = 0; i < count; i++) {
      t += this.exponential(meanGap);
      out.push(Math.round(t * 1000) / 1000);
    }
    return out;
  }
}
