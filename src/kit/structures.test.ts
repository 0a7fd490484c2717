import { describe, expect, it } from 'vitest';
import { EventQueue, Fifo } from './events.ts';
import { Pipe } from './pipe.ts';
import { asSmi } from './smi.ts';
import { SYS, SYSCALL_NAMES } from './stats.ts';
import { Kernel } from './index.ts';

describe('Fifo (a ring buffer)', () => {
  it('keeps first-in first-out order across wrap-around and growth', () => {
    const q = new Fifo<number>();
    const out: number[] = [];
    let next = 0;
    // Interleave pushes and shifts so the head wraps around before the buffer grows (16 → 64).
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 7; i++) q.push(next++);
      for (let i = 0; i < 3; i++) out.push(q.shift() as number);
    }
    expect(q.size).toBe(40);
    for (let v = q.shift(); v !== undefined; v = q.shift()) out.push(v);
    expect(out).toEqual(Array.from({ length: 70 }, (_, i) => i));
    expect(q.size).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it('peek shows the head without removing it', () => {
    const q = new Fifo<string>();
    expect(q.peek()).toBeUndefined();
    q.push('a');
    q.push('b');
    expect(q.peek()).toBe('a');
    expect(q.size).toBe(2);
    q.shift();
    expect(q.peek()).toBe('b');
  });
});

describe('asSmi (small integers for V8)', () => {
  it('returns the same value for every kind of number', () => {
    for (const x of [
      0,
      1,
      -1,
      7.5,
      -2.25,
      2 ** 31 - 1,
      -(2 ** 31),
      2 ** 31,
      3e11,
      1e21,
      Infinity,
    ]) {
      expect(asSmi(x)).toBe(x);
    }
    expect(asSmi(-Infinity)).toBe(-Infinity);
    expect(asSmi(NaN)).toBeNaN();
    expect(Object.is(asSmi(-0), 0)).toBe(true); // the one change: -0 becomes 0
  });
});

describe('syscall counters (one slot per name)', () => {
  it('SYSCALL_NAMES is sorted and SYS numbers each name by its place', () => {
    expect([...SYSCALL_NAMES]).toEqual([...SYSCALL_NAMES].sort());
    SYSCALL_NAMES.forEach((name, i) => expect(SYS[name]).toBe(i));
    expect(Object.keys(SYS)).toEqual([...SYSCALL_NAMES]);
  });

  it('stats() lists the calls made, by name in sorted order, with their counts', () => {
    const k = new Kernel();
    const l = k.socket();
    k.setblocking(l, false);
    k.setblocking(l, true);
    k.bind(l, 8123);
    k.listen(l);
    const ep = k.epoll_create();
    expect(Object.entries(k.stats().syscalls)).toEqual([
      ['bind', 1],
      ['epoll_create', 1],
      ['listen', 1],
      ['setblocking', 2],
      ['socket', 1],
    ]);
    expect(k.stats().totalSyscalls).toBe(6);
    expect(ep).toBeGreaterThan(l);
  });
});

describe('EventQueue (two monotone runs and a heap)', () => {
  it('fires events in (time, insertion) order, whatever order they are pushed in', () => {
    // A seeded mix of in-order timers, events due "now", and out-of-order ones, with pops in
    // between; the reference is the list of pending events sorted by (time, insertion number).
    let x = 12345;
    const rand = (n: number): number => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x % n;
    };
    const q = new EventQueue<null>();
    const pending: { t: number; id: number }[] = [];
    const fired: number[] = [];
    const record = (_: null, id: number): void => {
      fired.push(id);
    };
    let now = 0;
    let later = 0;
    let id = 0;
    const expected: number[] = [];
    const popOne = (): void => {
      pending.sort((a, b) => a.t - b.t || a.id - b.id);
      const want = pending.shift();
      expect(q.pop()).toBe(want !== undefined);
      if (want === undefined) return;
      expected.push(want.id);
      expect(q.t).toBe(want.t);
      now = q.t;
      (q.fn as (c: null, a: number, n: number) => void)(null, q.a as number, q.n);
    };
    for (let step = 0; step < 3000; step++) {
      const kind = rand(4);
      const t =
        kind === 0
          ? (later += rand(3))
          : kind === 1
            ? now
            : kind === 2
              ? now + rand(50)
              : rand(200);
      q.push(t, record, id, 0);
      pending.push({ t, id });
      id++;
      expect(q.size).toBe(pending.length);
      if (rand(3) === 0) popOne();
      expect(q.peekTime()).toBe(
        pending.length === 0 ? Infinity : Math.min(...pending.map((p) => p.t)),
      );
    }
    while (pending.length > 0) popOne();
    expect(q.pop()).toBe(false);
    expect(q.size).toBe(0);
    expect(fired).toEqual(expected);
    expect(fired.length).toBe(3000);
  });
});

describe('Pipe (one direction of a connection)', () => {
  it('reads chunks in order, only once they have arrived, across partial reads', () => {
    const p = new Pipe(1000);
    p.push('abc', 0);
    p.push('defg', 5);
    p.push('hi', 5);
    expect(p.len).toBe(9);
    expect(p.read(10, 4)).toBe('abc'); // 'defg' arrives at 5
    expect(p.readableAt(4)).toBe(false);
    expect(p.read(2, 5)).toBe('de');
    expect(p.read(3, 5)).toBe('fgh');
    p.push('jk', 6);
    expect(p.read(10, 6)).toBe('ijk');
    expect(p.len).toBe(0);
    expect(p.free()).toBe(1000);
  });

  it('keeps order through many queued chunks (compaction) and after clear', () => {
    const p = new Pipe(100_000);
    const chunks = Array.from({ length: 300 }, (_, i) => `${i},`);
    let got = '';
    for (let i = 0; i < chunks.length; i++) {
      p.push(chunks[i] as string, i);
      if (i % 3 === 2) got += p.read(5, i); // reads less than is queued: the queue grows
    }
    got += p.read(100_000, 300);
    expect(got).toBe(chunks.join(''));
    p.push('x', 0);
    p.push('y', 0);
    p.clear();
    expect(p.readableAt(1)).toBe(false);
    expect(p.len).toBe(0);
    p.push('z', 0);
    expect(p.read(5, 0)).toBe('z');
  });

  it('an empty chunk is still something to read (a zero-length send)', () => {
    const p = new Pipe(10);
    p.push('', 0);
    expect(p.readableAt(0)).toBe(true);
    expect(p.read(4, 0)).toBe('');
    expect(p.readableAt(0)).toBe(false);
  });
});
