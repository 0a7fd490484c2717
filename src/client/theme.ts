/** Theme choice: stored in localStorage once the reader picks one; until then the system's. */
export type Theme = 'light' | 'dark';

const KEY = 'theme';

/**
 * Where the choice is kept: the page passes a `SafeStorage` over localStorage
 * (`src/progress/safe-storage.ts`), whose calls never throw: when storage is disabled, denied or
 * full, `get` gives undefined and `set` false, and the choice lasts for this page only.
 */
export interface ThemeStorage {
  get(key: string): string | null | undefined;
  set(key: string, value: string): boolean;
}

function storedTheme(storage: ThemeStorage): Theme | null {
  const v = storage.get(KEY);
  return v === 'light' || v === 'dark' ? v : null;
}

function apply(theme: Theme, button: HTMLButtonElement): void {
  document.documentElement.dataset.theme = theme;
  button.setAttribute('aria-pressed', String(theme === 'dark'));
}

/** Wires the toggle button; follows system changes while the reader has not chosen. */
export function initThemeToggle(button: HTMLButtonElement, storage: ThemeStorage): void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  apply(storedTheme(storage) ?? (media.matches ? 'dark' : 'light'), button);
  button.addEventListener('click', () => {
    const next: Theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    apply(next, button);
    storage.set(KEY, next);
  });
  media.addEventListener('change', (e) => {
    if (storedTheme(storage) === null) apply(e.matches ? 'dark' : 'light', button);
  });
}
