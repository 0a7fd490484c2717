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
