import { describe, expect, it } from 'vitest';
import { ProgressStore } from './store.ts';
import { FakeStorage } from './fake-storage.test-support.ts';
import { GENERATION_KEY, PROGRESS_KEY, SET_ASIDE_KEY } from './schema.ts';
import { knownIds } from './known-ids.ts';
import { UnsavedLog } from './unsaved.ts';
import { unsavedEditNotice } from './notices.ts';

/** The course of these tests: lesson `l`, its exercises `l/x`, `l/y`, … and snippets. */
const course = knownIds({
  lessons: ['l'],
  exercises: ['l/x', 'l/y', 'l/mine', 'l/other'],
  snippets: ['l/s'],
});

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
    expect(s.importData(file, course)).toEqual({
      ok: true,
      exercises: 1,
      snippets: 0,
      unknown: [],
      malformed: [],
    });
    expect(make(storage).progress).toEqual(JSON.parse(file).progress);
    expect(s.importData('nope', course)).toEqual({ ok: false, reason: 'the file is not JSON' });
    expect(s.importData('{"hello":1}', course)).toMatchObject({
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
    expect(s.importData(JSON.stringify(file), course)).toMatchObject({ ok: true });
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

describe('ProgressStore imports (issue 17, item 2)', () => {
  const fileWith = (exercises: string[], setAside: { raw: string }[] = []) =>
    JSON.stringify({
      format: 'async-io-course-progress',
      version: 1,
      progress: {
        version: 1,
        exercises: Object.fromEntries(
          exercises.map((id) => [id, { passedAt: now().toISOString() }]),
        ),
        snippets: {},
        lastLesson: null,
      },
      setAside,
    });

  it('leaves out ids the course does not have, and says which', () => {
    const storage = new FakeStorage();
    const s = make(storage);
    const r = s.importData(fileWith(['l/x', 'gone/one']), course);
    expect(r).toEqual({
      ok: true,
      exercises: 1,
      snippets: 0,
      unknown: [{ kind: 'exercise', id: 'gone/one' }],
      malformed: [],
    });
    expect(Object.keys(make(storage).progress.exercises)).toEqual(['l/x']);
  });

  it('keeps nothing of an import that could not be saved, in storage or in memory', () => {
    const storage = new FakeStorage();
    const s = make(storage);
    s.markPassed('l/y');
    const stored = storage.getItem(PROGRESS_KEY);
    storage.refuse = (key) => key === PROGRESS_KEY;
    const r = s.importData(fileWith(['l/x'], [{ raw: 'old record' }]), course);
    expect(r).toEqual({
      ok: false,
      reason: 'there is no room for it in browser storage (it is full), so it was not kept',
    });
    expect(Object.keys(s.progress.exercises)).toEqual(['l/y']);
    expect(s.setAside).toEqual([]);
    expect(storage.getItem(PROGRESS_KEY)).toBe(stored);
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull();
    // The import's own failure is told by its result, not as progress left unsaved.
    expect(kinds(s)).toEqual([]);
  });

  it('puts back what it wrote when a later write of the import fails', () => {
    const storage = new FakeStorage();
    const s = make(storage);
    s.markPassed('l/y');
    const stored = storage.getItem(PROGRESS_KEY);
    storage.refuse = (key) => key === SET_ASIDE_KEY;
    expect(s.importData(fileWith(['l/x'], [{ raw: 'old record' }]), course)).toMatchObject({
      ok: false,
    });
    expect(storage.getItem(PROGRESS_KEY)).toBe(stored);
    expect(storage.getItem(SET_ASIDE_KEY)).toBeNull();
    expect(storage.getItem(GENERATION_KEY)).toBeNull();
    expect(Object.keys(s.progress.exercises)).toEqual(['l/y']);
    expect(s.setAside).toEqual([]);
    storage.refuse = () => false;
    expect(s.importData(fileWith(['l/x'], [{ raw: 'old record' }]), course)).toMatchObject({
      ok: true,
    });
    expect(Object.keys(make(storage).progress.exercises).sort()).toEqual(['l/x', 'l/y']);
    expect(make(storage).setAside.map((r) => r.raw)).toEqual(['old record']);
  });
});

describe('ProgressStore with crafted stored data (issue 17, item 5)', () => {
  it('reads a crafted set-aside list into well-typed records', () => {
    const storage = new FakeStorage();
    storage.setItem(
      SET_ASIDE_KEY,
      '[{"at":5,"reason":{"toString":1},"raw":"a"},{"__proto__":{"raw":"b"}},{"raw":"c","reason":"r","at":"2025-01-01"}]',
    );
    const s = make(storage);
    expect(s.setAside.map((r) => typeof r.reason)).toEqual(['string', 'string', 'string']);
    expect(s.setAside.map((r) => r.at)).toEqual([undefined, '2025-01-01', undefined]);
    expect(() => s.notices.map((n) => n.text)).not.toThrow();
    expect(kinds(s)).toEqual(['set-aside']);
    expect(s.exportData().setAside).toHaveLength(3);
  });
});

describe('ProgressStore notices of what was not saved (issue 17, item 6)', () => {
  it('keeps the notice of a failed write when something else is written later', () => {
    const storage = new FakeStorage();
    const unsaved = new UnsavedLog();
    const s = new ProgressStore({ storage: () => storage, now, unsaved });
    storage.refuse = (key) => key === PROGRESS_KEY;
    s.markPassed('l/x');
    expect(s.notices.map((n) => n.subject)).toEqual(['progress']);
    // An edit saved on the same page, and the set-aside list written, do not save the progress.
    unsaved.saved('edit:l/s');
    storage.data.set(PROGRESS_KEY, 'damaged by another tab');
    s.visitLesson('l');
    expect(storage.getItem(SET_ASIDE_KEY)).toContain('damaged by another tab');
    expect(kinds(s)).toEqual(['full', 'set-aside']);
    storage.refuse = () => false;
    s.markSnippetRun('l/s');
    expect(kinds(s)).toEqual(['set-aside']);
  });

  it('shows a failed edit until it is saved or dismissed', () => {
    const unsaved = new UnsavedLog();
    const s = new ProgressStore({ storage: () => new FakeStorage(), now, unsaved });
    let changes = 0;
    s.subscribe(() => changes++);
    unsaved.failed('edit:l/s', unsavedEditNotice('edit:l/s', 'your edit of the snippet "l/s"'));
    expect(changes).toBe(1);
    s.markPassed('l/x');
    expect(kinds(s)).toEqual(['unsaved-edit']);
    s.dismiss('edit:l/s');
    expect(kinds(s)).toEqual([]);
  });
});

describe('ProgressStore generations (issue 17, item 7)', () => {
  it('does not write a stale copy back after a reset in another tab', () => {
    const storage = new FakeStorage();
    const stale = make(storage);
    stale.markPassed('l/x');
    stale.visitLesson('l');
    make(storage).reset();
    // No refresh: the tab missed the change (it was in the back/forward cache).
    stale.markSnippetRun('l/s');
    const now2 = make(storage).progress;
    expect(Object.keys(now2.exercises)).toEqual([]);
    expect(now2.lastLesson).toBeNull();
    expect(Object.keys(now2.snippets)).toEqual(['l/s']);
    expect(stale.progress.exercises).toEqual({});
  });

  it('reloads on refresh when the generation changed, and after an import elsewhere', () => {
    const storage = new FakeStorage();
    const a = make(storage);
    a.markPassed('l/x');
    const b = make(storage);
    b.reset();
    expect(storage.getItem(GENERATION_KEY)).toBe('1');
    a.refresh();
    expect(a.progress.exercises).toEqual({});
    const file = JSON.stringify({
      version: 1,
      exercises: { 'l/y': { passedAt: now().toISOString() } },
    });
    expect(b.importData(file, course)).toMatchObject({ ok: true });
    expect(storage.getItem(GENERATION_KEY)).toBe('2');
    a.markPassed('l/mine');
    expect(Object.keys(make(storage).progress.exercises).sort()).toEqual(['l/mine', 'l/y']);
  });

  it('follows storage cleared as a whole, and reads a damaged generation as 0', () => {
    const storage = new FakeStorage();
    const a = make(storage);
    a.markPassed('l/x');
    storage.clear();
    a.refresh(true);
    expect(a.progress.exercises).toEqual({});
    storage.setItem(GENERATION_KEY, '{"no":1}');
    const b = make(storage);
    b.markPassed('l/y');
    b.reset();
    expect(storage.getItem(GENERATION_KEY)).toBe('1');
  });
});
