import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeStorage } from '../progress/fake-storage.test-support.ts';
import { SafeStorage } from '../progress/safe-storage.ts';
import { initThemeToggle } from './theme.ts';

/** Just enough of the page for the toggle: the root element, the media query and a button. */
function page(systemDark: boolean) {
  const root = { dataset: {} as Record<string, string> };
  vi.stubGlobal('document', { documentElement: root });
  vi.stubGlobal('matchMedia', () => ({ matches: systemDark, addEventListener: () => undefined }));
  let click = (): void => undefined;
  const button = {
    setAttribute: () => undefined,
    addEventListener: (_type: string, fn: () => void) => (click = fn),
  } as unknown as HTMLButtonElement;
  return { root, button, click: () => click() };
}

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
});
