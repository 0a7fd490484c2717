import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeStorage } from '../progress/fake-storage.test-support.ts';
import { SafeStorage } from '../progress/safe-storage.ts';
import { followTheme, initThemeToggle, type Theme } from './theme.ts';

/**
 * Just enough of the page for the toggle: the root element, the media query (`system` flips it
 * and tells its listeners), the window's `storage` event (`otherTab`) and a button.
 */
function page(systemDark: boolean) {
  const root = { dataset: {} as Record<string, string> };
  vi.stubGlobal('document', { documentElement: root });
  const media = { matches: systemDark, listeners: [] as (() => void)[] };
  vi.stubGlobal('matchMedia', () => ({
    get matches() {
      return media.matches;
    },
    addEventListener: (_type: string, fn: () => void) => media.listeners.push(fn),
  }));
  const storageListeners: ((e: { key: string | null }) => void)[] = [];
  vi.stubGlobal('addEventListener', (type: string, fn: (e: { key: string | null }) => void) => {
    if (type === 'storage') storageListeners.push(fn);
  });
  let click = (): void => undefined;
  const button = {
    setAttribute: () => undefined,
    addEventListener: (_type: string, fn: () => void) => (click = fn),
  } as unknown as HTMLButtonElement;
  return {
    root,
    button,
    click: () => click(),
    system(dark: boolean) {
      media.matches = dark;
      for (const fn of media.listeners) fn();
    },
    otherTab(key: string | null) {
      for (const fn of storageListeners) fn({ key });
    },
  };
}

const safe = (fake: FakeStorage) =>
  new SafeStorage(
    () => fake,
    () => undefined,
  );

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the theme toggle', () => {
  it('starts from the stored choice and stores a new one', () => {
    const fake = new FakeStorage();
    fake.setItem('theme', 'dark');
    const p = page(false);
    initThemeToggle(
      p.button,
      new SafeStorage(
        () => fake,
        () => undefined,
      ),
    );
    expect(p.root.dataset.theme).toBe('dark');
    p.click();
    expect(p.root.dataset.theme).toBe('light');
    expect(fake.getItem('theme')).toBe('light');
  });

  it('works for the page when storage throws, following the system', () => {
    const fake = new FakeStorage();
    fake.disabled = true;
    const p = page(true);
    const throwing = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    for (const storage of [() => fake, throwing]) {
      initThemeToggle(p.button, new SafeStorage(storage, () => undefined));
      expect(p.root.dataset.theme).toBe('dark');
      expect(() => p.click()).not.toThrow();
      expect(p.root.dataset.theme).toBe('light');
      p.root.dataset.theme = 'dark';
    }
  });

  it('follows the system while the reader has not chosen, and a choice made in another tab', () => {
    const fake = new FakeStorage();
    const p = page(false);
    initThemeToggle(p.button, safe(fake));
    expect(p.root.dataset.theme).toBe('light');
    p.system(true);
    expect(p.root.dataset.theme).toBe('dark');
    fake.setItem('theme', 'light'); // the reader picks light in another tab
    p.otherTab('theme');
    expect(p.root.dataset.theme).toBe('light');
    p.system(false);
    p.system(true); // a stored choice wins over the system
    expect(p.root.dataset.theme).toBe('light');
    p.otherTab('unrelated');
    fake.removeItem('theme'); // storage cleared in another tab (key null): the system again
    p.otherTab(null);
    expect(p.root.dataset.theme).toBe('dark');
  });
});

describe('followTheme', () => {
  it('shows the stored choice, else the system, and keeps following both', () => {
    const fake = new FakeStorage();
    const p = page(true);
    const shown: Theme[] = [];
    expect(followTheme(safe(fake), (t) => shown.push(t))).toBe('dark');
    fake.setItem('theme', 'light');
    p.otherTab('theme');
    p.system(false);
    fake.setItem('theme', 'nonsense');
    p.otherTab('theme');
    expect(shown).toEqual(['light', 'light', 'light']);
  });
});
