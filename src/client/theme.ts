/** Theme choice: stored in localStorage once the reader picks one; until then the system's. */
export type Theme = 'light' | 'dark';

const KEY = 'theme';

function storedTheme(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

function apply(theme: Theme, button: HTMLButtonElement): void {
  document.documentElement.dataset.theme = theme;
  button.setAttribute('aria-pressed', String(theme === 'dark'));
}

/** Wires the toggle button; follows system changes while the reader has not chosen. */
export function initThemeToggle(button: HTMLButtonElement): void {
  const media = matchMedia('(prefers-color-scheme: dark)');
  apply(storedTheme() ?? (media.matches ? 'dark' : 'light'), button);
  button.addEventListener('click', () => {
    const next: Theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    apply(next, button);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* storage disabled or full: the choice lasts for this page only */
    }
  });
  media.addEventListener('change', (e) => {
    if (storedTheme() === null) apply(e.matches ? 'dark' : 'light', button);
  });
}
