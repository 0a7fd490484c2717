/** Copies text to the clipboard; falls back to a hidden textarea where the API is missing. */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

/** Wires a button to copy text and announce the result in its own label for a moment. */
export function wireCopyButton(button: HTMLButtonElement, getText: () => string): void {
  const label = button.textContent ?? 'Copy';
  button.addEventListener('click', () => {
    copyText(getText()).then(
      () => flash(button, 'Copied', label),
      () => flash(button, 'Copy failed: select the text instead', label),
    );
  });
}

function flash(button: HTMLButtonElement, text: string, label: string): void {
  button.textContent = text;
  setTimeout(() => (button.textContent = label), 1500);
}

/** Gives every plain code block a Copy button (snippets bring their own toolbar). */
export function addCopyButtons(blocks: Iterable<Element>): void {
  for (const pre of blocks) {
    if (!(pre instanceof HTMLPreElement) || pre.closest('.snippet')) continue;
    const wrap = document.createElement('div');
    wrap.className = 'code-block';
    pre.replaceWith(wrap);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button code-copy';
    button.textContent = 'Copy';
    wrap.append(button, pre);
    wireCopyButton(button, () => pre.innerText);
  }
}
