import { describe, expect, it } from 'vitest';
import { Fifo } from './events.ts';
import { Pipe } from './pipe.ts';

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
