// Keyboard helpers shared by the page's shortcuts (search, chapter pager) and the slide deck.

/** True when a key press belongs to a text field or an editor, not to page shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest(
      'input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor',
    ) !== null
  );
}
