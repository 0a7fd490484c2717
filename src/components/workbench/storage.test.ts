import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeStorage } from '../../progress/fake-storage.test-support.ts';
import { clearEdit, loadEdit, saveEdit } from './storage.ts';

/** Makes the `localStorage` getter itself throw, as some privacy modes do. */
function denyStorage(): void {
  vi.stubGlobal('localStorage', undefined);
  Object.defineProperty(globalThis, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('denied', 'SecurityError');
    },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('saved edits of snippets', () => {
  it('keeps an edit, notices when the original changed, and forgets it', () => {
    const fake = new FakeStorage();
    vi.stubGlobal('localStorage', fake);
    expect(loadEdit('s1', 'orig')).toBeUndefined();
    expect(saveEdit('s1', 'orig', 'mine')).toBe(true);
    expect(loadEdit('s1', 'orig')).toEqual({ code: 'mine', stale: false });
    expect(loadEdit('s1', 'orig changed')).toEqual({ code: 'mine', stale: true });
    expect(saveEdit('s1', 'orig', 'orig')).toBe(true); // back to the original: forgotten
    expect(fake.data.size).toBe(0);
    saveEdit('s1', 'orig', 'mine');
    clearEdit('s1');
    expect(loadEdit('s1', 'orig')).toBeUndefined();
  });

  it('ignores stored text that is not an edit', () => {
    const fake = new FakeStorage();
    vi.stubGlobal('localStorage', fake);
    for (const junk of ['not json', 'null', '5', '{"code":3}']) {
      fake.setItem('async-io:edit:s1', junk);
      expect(loadEdit('s1', 'orig'), junk).toBeUndefined();
    }
  });

  it('never throws when storage is disabled, full, or its getter throws', () => {
    const fake = new FakeStorage();
    vi.stubGlobal('localStorage', fake);
    fake.quota = 3;
    expect(saveEdit('s1', 'orig', 'a long edit')).toBe(false);
    fake.disabled = true;
    expect(loadEdit('s1', 'orig')).toBeUndefined();
    expect(saveEdit('s1', 'orig', 'mine')).toBe(false);
    expect(() => clearEdit('s1')).not.toThrow();
    denyStorage();
    expect(loadEdit('s1', 'orig')).toBeUndefined();
    expect(saveEdit('s1', 'orig', 'mine')).toBe(false);
    expect(() => clearEdit('s1')).not.toThrow();
  });
});

describe('saved edits that could not be saved (issue 17, item 6)', () => {
  /** Fresh modules, so the page's list of unsaved things starts empty. */
  async function page() {
    vi.resetModules();
    vi.stubGlobal('addEventListener', () => undefined);
    return {
      ...(await import('./storage.ts')),
      ...(await import('../../progress/browser.ts')),
    };
  }

  it('are listed, saying what was not saved, until saved or dismissed', async () => {
    const { saveEdit, unsavedLog, progressStore } = await page();
    const fake = new FakeStorage();
    vi.stubGlobal('localStorage', fake);
    const log = unsavedLog();
    fake.refuse = (key) => key.startsWith('async-io:edit:');
    expect(saveEdit('exercise:l/fetch-all', 'start', 'mine')).toBe(false);
    expect(saveEdit('l/echo', 'orig', 'changed')).toBe(false);
    expect(log.notices.map((n) => n.text)).toEqual([
      expect.stringMatching(/so your code for the exercise "l\/fetch-all" was not saved/),
      expect.stringMatching(/so your edit of the snippet "l\/echo" was not saved/),
    ]);
    // Progress saved meanwhile on the same page does not clear them.
    fake.refuse = (key) => key.startsWith('async-io:edit:');
    progressStore().markPassed('l/fetch-all');
    expect(fake.getItem('async-io:progress')).not.toBeNull();
    expect(log.notices).toHaveLength(2);
    fake.refuse = () => false;
    expect(saveEdit('exercise:l/fetch-all', 'start', 'mine, later')).toBe(true);
    expect(log.notices.map((n) => n.subject)).toEqual(['edit:l/echo']);
    log.dismiss('edit:l/echo');
    expect(log.notices).toEqual([]);
  });

  it('name a prediction as such, and a cleared edit leaves nothing unsaved', async () => {
    const { saveEdit, clearEdit, unsavedLog } = await page();
    const fake = new FakeStorage();
    vi.stubGlobal('localStorage', fake);
    fake.refuse = () => true;
    saveEdit('predict:l/guess', '', 'a line');
    expect(unsavedLog().notices.at(-1)?.text).toMatch(
      /your prediction for the exercise "l\/guess"/,
    );
    clearEdit('predict:l/guess');
    expect(unsavedLog().notices.some((n) => n.subject === 'edit:predict:l/guess')).toBe(false);
  });
});
