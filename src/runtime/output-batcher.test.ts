import { describe, expect, it } from 'vitest';
import { OutputBatcher } from './output-batcher.ts';
import type { OutputLine } from './types.ts';

function setup(maxLines = 5000) {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const batches: { lines: OutputLine[]; dropped: number }[] = [];
  const batcher = new OutputBatcher(
    (lines, dropped) => batches.push({ lines, dropped }),
    { now: () => now, schedule: (fn, ms) => timers.push({ at: now + ms, fn }) },
    { maxLines },
  );
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.splice(0).sort((a, b) => a.at - b.at)) {
      if (t.at <= now) t.fn();
      else timers.push(t);
    }
  };
  const line = (text: string): OutputLine => ({ stream: 'stdout', text });
  return { batcher, batches, advance, line, timers };
}

describe('OutputBatcher', () => {
  it('sends the first line at once', () => {
    const { batcher, batches, line } = setup();
    batcher.push(line('a'));
    expect(batches).toEqual([{ lines: [line('a')], dropped: 0 }]);
  });

  it('groups later lines into one batch per interval', () => {
    const { batcher, batches, advance, line, timers } = setup();
    batcher.push(line('a'));
    batcher.push(line('b'));
    batcher.push(line('c'));
    expect(batches).toHaveLength(1);
    expect(timers).toHaveLength(1);
    advance(16);
    expect(batches[1]!.lines.map((l) => l.text)).toEqual(['b', 'c']);
  });

  it('flushes from push when a busy loop never lets the timer run', () => {
    const batches: OutputLine[][] = [];
    let now = 0;
    // The scheduled timer never fires, as in `while (true) console.log(i++)`.
    const batcher = new OutputBatcher((lines) => batches.push(lines), {
      now: () => now,
      schedule: () => {},
    });
    for (let i = 0; i < 100; i++) {
      now += 1;
      batcher.push({ stream: 'stdout', text: String(i) });
    }
    // one batch at once, then one per 16 ms of the 100 ms the loop ran
    expect(batches.length).toBeGreaterThanOrEqual(6);
    expect(batches.length).toBeLessThanOrEqual(8);
    batcher.flush();
    expect(batches.flat()).toHaveLength(100);
  });

  it('keeps at most maxLines and counts the rest as dropped', () => {
    const { batcher, batches, line } = setup(3);
    for (let i = 0; i < 10; i++) batcher.push(line(String(i)));
    batcher.flush();
    const kept = batches.flatMap((b) => b.lines.map((l) => l.text));
    expect(kept).toEqual(['0', '1', '2']);
    expect(batches.at(-1)!.dropped).toBe(7);
    expect(batcher.busy).toBe(false);
  });

  it('reports busy while lines wait and nothing after a final flush', () => {
    const { batcher, batches, line } = setup();
    batcher.push(line('a'));
    batcher.push(line('b'));
    expect(batcher.busy).toBe(true);
    batcher.flush();
    batcher.flush();
    expect(batcher.busy).toBe(false);
    expect(batches).toHaveLength(2);
  });
});

describe('OutputBatcher caps (issue 17, item 1)', () => {
  const collect = () => {
    const batches: { lines: OutputLine[]; dropped: number }[] = [];
    const batcher = new OutputBatcher((lines, dropped) => batches.push({ lines, dropped }), {
      now: () => 0,
      schedule: () => {},
    });
    const kept = () => batches.flatMap((b) => b.lines);
    return { batcher, batches, kept };
  };

  it('cuts one huge line to its first characters and says how many were left out', () => {
    const { batcher, kept } = collect();
    batcher.push({ stream: 'stdout', text: 'x'.repeat(50_000) });
    batcher.flush();
    const [line] = kept();
    expect(line!.text.startsWith('x'.repeat(10_000))).toBe(true);
    expect(line!.text.slice(10_000)).toBe('… 40,000 more characters');
  });

  it('caps the total bytes of a run and counts what it dropped', () => {
    const { batcher, batches, kept } = collect();
    for (let i = 0; i < 400; i++) batcher.push({ stream: 'stdout', text: 'y'.repeat(9_000) });
    batcher.flush();
    const bytes = kept().reduce((n, l) => n + l.text.length, 0);
    expect(bytes).toBeLessThanOrEqual(1_000_000);
    expect(kept().length).toBeGreaterThan(100);
    expect(kept().length + batches.at(-1)!.dropped).toBe(400);
  });
});
