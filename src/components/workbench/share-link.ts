import { copyText } from '../../client/copy-code.ts';

/**
 * Shareable code links in the page (the DOM half; the encoding and every check on a link are in
 * `share-code.ts`). Making a link: {@link shareSnippet}. Opening one: {@link watchSharedLinks}
 * reads `#share=<snippet-id>:<payload>` when the page loads (and when only the fragment changes),
 * and hands the code to that snippet's bench, which shows it with a notice and runs nothing.
 */

/** What a snippet's bench offers to a shared link (see `SnippetBench`). */
export interface SharedCodeTarget {
  /** Shows code from a link, unsaved and unrun, asking first if the reader has an edit. */
  receiveShared(code: string): void;
  /** Says why a link for this snippet could not be opened; the snippet stays as it was. */
  shareProblem(message: string): void;
}

/** The elements a Share click reports in. */
export interface ShareElements {
  readonly status: HTMLElement;
  /** The fallback: the link in a read-only field, shown when the clipboard is refused. */
  readonly fieldWrap: HTMLElement;
  readonly field: HTMLInputElement;
}

let statusTimer = 0;

/**
 * Puts `code` into a link to this page and copies it; the confirmation is visible and announced
 * (`status` is a live region). When the clipboard refuses, the link is shown, selected, in a field.
 */
export async function shareSnippet(
  el: ShareElements,
  id: string,
  code: string,
  edited: boolean,
): Promise<void> {
  clearTimeout(statusTimer);
  el.fieldWrap.hidden = true;
  const { encodeCode, shareUrl } = await import('./share-code.ts');
  const payload = await encodeCode(code);
  if (!payload.ok) {
    el.status.dataset['state'] = 'error';
    el.status.textContent = payload.message;
    return;
  }
  const url = shareUrl(location.href, id, payload.value);
  el.field.value = url;
  try {
    await copyText(url);
    el.status.dataset['state'] = 'copied';
    el.status.textContent = edited
      ? `Link copied: it carries your edited code (${url.length.toLocaleString('en')} characters).`
      : 'Link copied: it carries this program as the lesson has it (you have not edited it).';
    statusTimer = window.setTimeout(() => {
      el.status.textContent = '';
      delete el.status.dataset['state'];
    }, 12_000);
  } catch {
    el.status.dataset['state'] = 'manual';
    el.status.textContent =
      'The browser did not let this page use the clipboard: copy the link from the field below.';
    el.fieldWrap.hidden = false;
    el.field.focus();
    el.field.select();
  }
}

/** Takes `#share=…` off the address (once the link has done its job), keeping history as is. */
export function clearShareHash(): void {
  if (!location.hash.startsWith('#share=')) return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** The program figure of a snippet id on this page. */
function programFigure(id: string): HTMLElement | undefined {
  for (const f of document.querySelectorAll<HTMLElement>('figure.snippet[data-kind="program"]'))
    if (f.dataset['snippetId'] === id) return f;
  return undefined;
}

function targetOf(figure: HTMLElement): SharedCodeTarget | undefined {
  const bench = figure.querySelector('snippet-bench') as (Element & SharedCodeTarget) | null;
  return bench && typeof bench.receiveShared === 'function' ? bench : undefined;
}

/** A message at the top of the lesson for a link whose snippet is not on the page. */
function pageProblem(message: string): void {
  document.querySelector('.share-banner')?.remove();
  const banner = document.createElement('div');
  banner.className = 'share-banner';
  banner.setAttribute('role', 'alert');
  banner.tabIndex = -1;
  const text = document.createElement('p');
  text.textContent = message;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'button';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => {
    banner.remove();
    clearShareHash();
  });
  banner.append(text, close);
  const anchor = document.querySelector('main h1') ?? document.querySelector('figure.snippet');
  if (anchor) anchor.after(banner);
  else document.body.prepend(banner);
  banner.focus();
}

/** Opens the page's share link, if it has one. */
export async function openSharedLink(hash = location.hash): Promise<void> {
  // The checks load only for a share link: an ordinary page (or heading anchor) costs nothing.
  if (!hash.startsWith('#share=')) return;
  const { readSharedLink } = await import('./share-code.ts');
  const link = await readSharedLink(hash, (id) => programFigure(id) !== undefined);
  if (link.kind === 'none') return;
  const target = link.id === undefined ? undefined : programFigure(link.id);
  const bench = target && targetOf(target);
  if (link.kind === 'code' && bench) bench.receiveShared(link.code);
  else if (link.kind === 'problem' && bench) bench.shareProblem(link.message);
  else
    pageProblem(
      link.kind === 'problem' ? link.message : 'This link’s program could not be opened here.',
    );
}

let watching = false;

/** Opens the share link now, and again whenever only the fragment changes (a pasted link). */
export function watchSharedLinks(): void {
  if (watching) return;
  watching = true;
  void openSharedLink();
  window.addEventListener('hashchange', () => void openSharedLink());
}
