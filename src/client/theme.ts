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

/** The theme to show: the stored choice, else the system's. */
function wanted(storage: ThemeStorage, media: MediaQueryList): Theme {
  return storedTheme(storage) ?? (media.matches ? 'dark' : 'light');
}

/**
 * Keeps the page's theme in step while it is open: with the system's when the reader has not
 * chosen (the system switches to dark at dusk, or the lecturer flips it), and with a choice made
 * in another tab of the course (the browser fires `storage` there: a deck open beside its lesson
 * follows a choice made on the lesson page). `show` applies a theme; returns the one to show now.
 */
export function followTheme(storage: ThemeStorage, show: (theme: Theme) => void): Theme {
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', () => show(wanted(storage, media)));
  addEventListener('storage', (e: StorageEvent) => {
    if (e.key === KEY || e.key === null) show(wanted(storage, media));
  });
  return wanted(storage, media);
}

function apply(theme: Theme, button: HTMLButtonElement): void {
  document.documentElement.dataset.theme = theme;
  button.setAttribute('aria-pressed', String(theme === 'dark'));
}

/** Wires the toggle button; follows the system and other tabs while open (`followTheme`). */
export function initThemeToggle(button: HTMLButtonElement, storage: ThemeStorage): void {
  apply(
    followTheme(storage, (t) => apply(t, button)),
    button,
  );
  button.addEventListener('click', () => {
    const next: Theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    apply(next, button);
    storage.set(KEY, next);
  });
}
