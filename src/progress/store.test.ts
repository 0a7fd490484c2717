import { describe, expect, it } from 'vitest';
import { ProgressStore } from './store.ts';
import { FakeStorage } from './fake-storage.test-support.ts';
import { PROGRESS_KEY, SET_ASIDE_KEY } from './schema.ts';

const now = () => new Date('2025-03-01T10:00:00.000Z');
const make = (storage: FakeStorage | undefined) =>
  new ProgressStore({ storage: () => storage, now });
const kinds = (s: ProgressStore) => s.notices.map((n) => n.kind);

describe('ProgressStore', () => {
  it('saves passes, runs and visits, and a new store reads them back', () => {
    const storage = new FakeStorage();
    const a = make(storage);
    let changes = 0;
    a.subscribe(() => changes++);
    a.markPassed('l/x');
    a.markSnippetRun('l/s');
    a.markSnippetRun('l/s');
    a.visitLesson('l');
    expect(changes).toBe(4);
    const b = make(storage);
    expect(b.progress).toEqual({
      version: 1,
      exercises: { 'l/x': { passedAt: '2025-03-01T10:00:00.000Z' } },
      snippets: { 'l/s': { firstRunAt: '2025-03-01T10:00:00.000Z', runs: 2 } },
      lastLesson: { id: 'l', at: '2025-03-01T10:00:00.000Z' },
    });
    expect(b.notices).toEqual([]);
  });

  it('migrates an old record in place', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify({ passed: ['l/x'] }));
    const s = make(storage);
    expect(Object.keys(s.progress.exercises)).toEqual(['l/x']);
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toMatchObject({ version: 1 });
    expect(s.notices).toEqual([]);
  });

  it('sets corrupt data aside with a notice, keeps it for export, and starts afresh', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, '{"version":1,"exer');
    const s = make(storage);
    expect(s.progress.exercises).toEqual({});
    expect(kinds(s)).toEqual(['set-aside']);
    expect(s.setAside).toEqual([
      {
        at: '2025-03-01T10:00:00.000Z',
        reason: expect.stringMatching(/JSON/),
        raw: '{"version":1,"exer',
      },
    ]);
    expect(s.exportData().setAside[0]!.raw).toBe('{"version":1,"exer');
    s.markPassed('l/x');
    // Reloading does not set the same data aside twice, and the notice stays until discarded.
    const again = make(storage);
    expect(again.setAside).toHaveLength(1);
    expect(kinds(again)).toEqual(['set-aside']);
    again.discardSetAside();
    expect(again.notices).toEqual([]);
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull();
  });

  it('sets aside records from a newer version, and keeps partly damaged records partly', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 9 }));
    expect(make(storage).setAside[0]!.reason).toMatch(/newer version/);
    const other = new FakeStorage();
    const damaged = JSON.stringify({ version: 1, exercises: { a: { passedAt: now() }, b: 1 } });
    other.setItem(PROGRESS_KEY, damaged);
    const s = make(other);
    expect(Object.keys(s.progress.exercises)).toEqual(['a']);
    expect(s.setAside[0]).toMatchObject({ raw: damaged, reason: '1 entries were malformed' });
  });

  it('leaves unreadable data untouched when there is no room to set it aside', () => {
    const storage = new FakeStorage();
    storage.setItem(PROGRESS_KEY, 'garbage!');
    storage.quota = 10;
    const s = make(storage);
    expect(kinds(s)).toContain('read-only');
    s.markPassed('l/x');
    expect(s.progress.exercises['l/x']).toBeDefined();
    expect(storage.getItem(PROGRESS_KEY)).toBe('garbage!');
  });

  it('reports full storage and keeps working in memory', () => {
    const storage = new FakeStorage();
    storage.quota = 20;
    const s = make(storage);
    s.markPassed('l/x');
    expect(s.progress.exercises['l/x']).toBeDefined();
    expect(kinds(s)).toEqual(['full']);
    storage.quota = Infinity;
    s.markPassed('l/y');
    expect(kinds(s)).toEqual([]);
    expect(Object.keys(make(storage).progress.exercises)).toEqual(['l/x', 'l/y']);
  });

  it('works with storage disabled or missing, with a notice', () => {
    const storage = new FakeStorage();
    storage.disabled = true;
    for (const s of [
      make(storage),
      make(undefined),
      new ProgressStore({
        storage: () => {
          throw new Error('denied');
        },
      }),
    ]) {
      s.markPassed('l/x');
      s.visitLesson('l');
      expect(s.progress.lastLesson?.id).toBe('l');
      expect(kinds(s)).toEqual(['unavailable']);
    }
  });

  it('round-trips export → reset → import, and refuses foreign files', () => {
    const storage = new FakeStorage();
    const s = make(storage);
    s.markPassed('l/x');
    s.visitLesson('l');
    const file = JSON.stringify(s.exportData());
    s.reset();
    expect(s.progress.exercises).toEqual({});
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
    expect(s.importData(file)).toEqual({ ok: true, exercises: 1 });
    expect(make(storage).progress).toEqual(JSON.parse(file).progress);
    expect(s.importData('nope')).toEqual({ ok: false, reason: 'the file is not JSON' });
    expect(s.importData('{"hello":1}')).toMatchObject({
      ok: false,
      reason: /not a progress record/,
    });
  });

  it('imports set-aside records from a file, and merges changes made in another tab', () => {
    const storage = new FakeStorage();
    const s = make(storage);
    const file = {
      format: 'async-io-course-progress',
      version: 1,
      progress: { version: 1, exercises: {}, snippets: {}, lastLesson: null },
      setAside: [{ at: 'x', reason: 'r', raw: 'old' }],
    };
    expect(s.importData(JSON.stringify(file))).toMatchObject({ ok: true });
    expect(s.setAside.map((x) => x.raw)).toEqual(['old']);
    const tab2 = make(storage);
    tab2.markPassed('l/other');
    s.markPassed('l/mine');
    expect(Object.keys(make(storage).progress.exercises).sort()).toEqual(['l/mine', 'l/other']);
  });
});

describe('ProgressStore across tabs', () => {
  it('follows a reset made in another tab instead of resurrecting the old progress', () => {
    const storage = new FakeStorage();
    const a = make(storage);
    a.markPassed('l/x');
    make(storage).reset();
    a.refresh();
    expect(a.progress.exercises).toEqual({});
    a.markPassed('l/y');
    expect(Object.keys(make(storage).progress.exercises)).toEqual(['l/y']);
  });
});
