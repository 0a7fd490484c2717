import { isTypingTarget } from '../../client/keys.ts';
import { actionFor, type DeckAction } from '../../course/slides/keys.ts';

// Space and Enter belong to these when they have focus (a Run button must still run).
const CONTROLS = 'button, a[href], summary, select, [role="button"], [role="link"]';
const MODIFIERS = ['Shift', 'Control', 'Alt', 'Meta'];

/** What the keyboard needs from the deck. */
export interface ShortcutTarget {
  act(action: DeckAction): void;
  /** True while the screen is black: then any key (not typed into a field) brings it back. */
  blackedOut(): boolean;
  unblack(): void;
}

/**
 * Listens for the deck's shortcuts on the whole document. Keys typed into a field or a CodeMirror
 * editor, keys already handled, and keys pressed while one of the deck's dialogs is open are
 * left alone.
 */
export function listenForShortcuts(deck: ShortcutTarget): void {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
    const typing = isTypingTarget(e.target);
    if (deck.blackedOut() && !typing && !MODIFIERS.includes(e.key)) {
      e.preventDefault();
      return deck.unblack();
    }
    const onControl = e.target instanceof Element && e.target.closest(CONTROLS) !== null;
    const action = actionFor(e, { typing, onControl });
    if (!action) return;
    e.preventDefault();
    deck.act(action);
  });
}
