import { isTypingTarget } from './keys.ts';
/** Minimal typing of the parts of Pagefind's JS API this search box uses. */
interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results: PagefindSubResult[];
}
interface Pagefind {
  init(): Promise<void>;
  debouncedSearch(
    q: string,
    opts?: object,
    ms?: number,
  ): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

const MAX_RESULTS = 8;

/** `<site-search>`: a dialog that loads the Pagefind index on first use. */
export class SiteSearch extends HTMLElement {
  #pagefind: Promise<Pagefind> | undefined;

  connectedCallback(): void {
    const dialog = this.querySelector('dialog')!;
    const input = this.querySelector('input')!;
    this.querySelector('.open')!.addEventListener('click', () => this.open());
    this.querySelector('.close')!.addEventListener('click', () => dialog.close());
    dialog.addEventListener('click', (e) => {
      if (e.target === dialog) dialog.close();
    });
    input.addEventListener('input', () => void this.search(input.value));
    document.addEventListener('keydown', (e) => {
      const typing = isTypingTarget(e.target);
      if ((e.key === 'k' && (e.ctrlKey || e.metaKey)) || (e.key === '/' && !typing)) {
        e.preventDefault();
        this.open();
      }
    });
  }

  open(): void {
    const dialog = this.querySelector('dialog')!;
    if (!dialog.open) dialog.showModal();
    this.querySelector('input')!.select();
    void this.load().catch(() => undefined);
  }

  load(): Promise<Pagefind> {
    // The index exists only in the built site (`npm start`), not under `astro dev`.
    const url = '/pagefind/pagefind.js';
    this.#pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (p) => {
      await p.init();
      return p;
    });
    return this.#pagefind;
  }

  async search(query: string): Promise<void> {
    const status = this.querySelector('.status')!;
    const list = this.querySelector('.results')!;
    if (query.trim() === '') {
      status.textContent = '';
      list.replaceChildren();
      return;
    }
    let pagefind: Pagefind;
    try {
      pagefind = await this.load();
    } catch {
      status.textContent =
        'Search is available on the built site (npm start), not in the dev server.';
      return;
    }
    const found = await pagefind.debouncedSearch(query, {}, 150);
    if (found === null) return; // superseded by a newer query
    const data = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    list.replaceChildren(...data.map(renderResult));
    const n = found.results.length;
    status.textContent =
      n === 0 ? `No lessons mention “${query}”.` : `${n} ${n === 1 ? 'lesson' : 'lessons'} found.`;
  }
}

function renderResult(d: PagefindData): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'search-result';
  const a = document.createElement('a');
  a.href = d.url;
  a.textContent = d.meta.title ?? d.url;
  const p = document.createElement('p');
  p.innerHTML = d.excerpt; // Pagefind escapes page text and adds only <mark>.
  li.append(a, p);
  const subs = d.sub_results.filter((s) => s.url !== d.url).slice(0, 3);
  if (subs.length > 0) {
    const ul = document.createElement('ul');
    for (const s of subs) {
      const sli = document.createElement('li');
      const sa = document.createElement('a');
      sa.href = s.url;
      sa.textContent = s.title;
      sli.append(sa);
      ul.append(sli);
    }
    li.append(ul);
  }
  return li;
}
