import { describe, expect, it } from 'vitest';
import {
  controlView,
  downloadCourse,
  progressText,
  removedText,
  resultText,
  saveLabel,
  shouldAnnounce,
  type Progress,
} from './download.ts';
import type { CacheOutcome, Reply, Request, Status } from './messages.ts';

const status = (stored: string[], keepAll = false): Status => ({
  type: 'status',
  version: 'v1',
  keepAll,
  files: ['/', '/a/', '/b/', '/_astro/x.js', '/pagefind/p.js'].map((url) => ({
    url,
    size: 2_000_000,
  })),
  stored,
});

/** A worker that answers `store` with `outcome(url)` and records the questions. */
function fakeWorker(outcome: (url: string) => CacheOutcome | 'throw') {
  const asked: Request[] = [];
  const ask = async (r: Request): Promise<Reply> => {
    asked.push(r);
    if (r.type !== 'store') return { type: 'ok' };
    const o = outcome(r.url);
    if (o === 'throw') throw new Error('no answer');
    return { type: 'stored', url: r.url, outcome: o };
  };
  return { ask, asked };
}

describe('downloadCourse', () => {
  it('stores only what is missing, counts n of N, and keeps the whole course from then on', async () => {
    const w = fakeWorker(() => 'stored');
    const seen: Progress[] = [];
    const r = await downloadCourse(w.ask, status(['/_astro/x.js', '/pagefind/p.js']), (p) =>
      seen.push(p),
    );
    expect(w.asked[0]).toEqual({ type: 'keep-all', value: true });
    expect(
      w.asked
        .slice(1)
        .map((q) => q.type === 'store' && q.url)
        .sort(),
    ).toEqual(['/', '/a/', '/b/']);
    expect(seen[0]).toEqual({ done: 2, total: 5 });
    expect(seen.at(-1)).toEqual({ done: 5, total: 5 });
    expect(r).toEqual({ done: 5, total: 5, failed: [], changed: false });
    expect(resultText(r, 10_000_000)).toBe(
      'Done: the whole course (5 files, 10.0 MB) is saved in this browser and works without a network.',
    );
  });

  it('reports files that could not be downloaded, and says how to finish', async () => {
    const w = fakeWorker((url) => (url === '/a/' ? 'failed' : url === '/b/' ? 'throw' : 'stored'));
    const r = await downloadCourse(w.ask, status([]), () => undefined);
    expect(r.done).toBe(3);
    expect(r.failed.map((f) => f.url).sort()).toEqual(['/a/', '/b/']);
    expect(resultText(r, 1)).toMatch(/^Saved 3 of 5 files; 2 could not be downloaded/);
  });

  it('stops when the server has a newer build, and says to reload', async () => {
    const w = fakeWorker(() => 'changed');
    const r = await downloadCourse(w.ask, status([]), () => undefined);
    expect(r.changed).toBe(true);
    // Four questions were already under way when the first answer came; no more were asked.
    expect(w.asked.filter((q) => q.type === 'store').length).toBe(4);
    expect(resultText(r, 1)).toMatch(/new version of the course was published.*Reload/);
  });
});

describe('texts of the control', () => {
  it('labels the save button with what is left to fetch, and of how much', () => {
    expect(saveLabel(8_900_000, 11_400_000)).toBe(
      'Make available offline (8.9 MB still to fetch of 11.4 MB)',
    );
    expect(saveLabel(11_400_000, 11_400_000)).toBe('Make available offline (11.4 MB)');
    expect(removedText(1)).toMatch(/^Removed the offline copy \(1 page\)\./);
    expect(removedText(3)).toMatch(/^Removed the offline copy \(3 pages\)\./);
  });

  it('counts files', () => {
    expect(progressText({ done: 37, total: 102 })).toBe('37 of 102 files');
    expect(progressText({ done: 0, total: 1 })).toBe('0 of 1 file');
  });

  it('announces at the start, at the end and at most once a second between', () => {
    const p = { done: 3, total: 10 };
    expect(shouldAnnounce(p, undefined, 0)).toBe(true);
    expect(shouldAnnounce(p, 100, 600)).toBe(false);
    expect(shouldAnnounce(p, 100, 1100)).toBe(true);
    expect(shouldAnnounce({ done: 10, total: 10 }, 100, 101)).toBe(true);
  });

  it('offers to save what is missing, with its size, and to remove a kept copy', () => {
    const partial = controlView(status(['/a/', '/_astro/x.js', '/pagefind/p.js']));
    expect(partial.summary).toBe(
      'Pages you open are saved for reading offline (1 of 3 pages so far).',
    );
    expect(partial.save).toBe('Make available offline (4.0 MB still to fetch of 10.0 MB)');
    // After "Remove offline copy" the shared assets stay stored: the summary counts pages, so it
    // falls back to none instead of still saying "2 of 5 files".
    const removed = controlView(status(['/_astro/x.js', '/pagefind/p.js']));
    expect(removed.summary).toBe(
      'Pages you open are saved for reading offline (0 of 3 pages so far).',
    );
    expect(removed.summary).not.toMatch(/files/);
    expect(removed.save).toBe('Make available offline (6.0 MB still to fetch of 10.0 MB)');
    expect(controlView(status([])).save).toBe('Make available offline (10.0 MB)');
    expect(partial.canRemove).toBe(false);
    expect(controlView(status(['/a/'], true)).canRemove).toBe(true);
    const whole = controlView(status(['/', '/a/', '/b/', '/_astro/x.js', '/pagefind/p.js'], true));
    expect(whole).toEqual({
      summary: 'Available offline: the whole course (5 files, 10.0 MB) is saved in this browser.',
      save: undefined,
      canRemove: true,
    });
  });
});
