/** What a key press asks the deck to do. */
export type DeckAction =
  | 'next'
  | 'prev'
  | 'first'
  | 'last'
  | 'overview'
  | 'goto'
  | 'blackout'
  | 'fullscreen'
  | 'help'
  | 'presenter';

/** The parts of a KeyboardEvent the key map reads. */
export interface KeyPress {
  readonly key: string;
  readonly shiftKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
}

/** Where the key was pressed, as far as the key map cares. */
export interface KeyContext {
  /** In a text field or a code editor: every shortcut belongs to the field. */
  readonly typing: boolean;
  /** On a button, link or disclosure: Space and Enter activate it rather than the deck. */
  readonly onControl: boolean;
}

const PLAIN: Readonly<Record<string, DeckAction>> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ArrowLeft: 'prev',
  PageUp: 'prev',
  Home: 'first',
  End: 'last',
  o: 'overview',
  g: 'goto',
  b: 'blackout',
  '.': 'blackout',
  f: 'fullscreen',
  p: 'presenter',
  '?': 'help',
};

/** The shortcuts, for the `?` help: keys as shown, and what they do. */
export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['→  Space  PageDown', 'Next step or slide'],
  ['←  Shift+Space  PageUp', 'Previous step or slide'],
  ['Home  End', 'First or last slide'],
  ['o', 'Overview of all slides'],
  ['g', 'Go to a slide by number'],
  ['b  .', 'Black screen (any key returns)'],
  ['f', 'Full screen'],
  ['p', 'Presenter view in a second window'],
  ['?', 'This help'],
];

/**
 * Maps a key press to a deck action, or undefined to leave it to the browser. Modified keys
 * (Ctrl, ⌘, Alt) are never taken, so browser shortcuts keep working; nothing is taken while the
 * learner types in a field or editor.
 */
export function actionFor(e: KeyPress, ctx: KeyContext): DeckAction | undefined {
  if (ctx.typing || e.ctrlKey || e.metaKey || e.altKey) return undefined;
  if (e.key === ' ') return ctx.onControl ? undefined : e.shiftKey ? 'prev' : 'next';
  const key = e.key.length === 1 && e.key !== '?' ? e.key.toLowerCase() : e.key;
  // Shift+letter is left alone (reserved), except `?`, which needs Shift on most layouts.
  if (e.shiftKey && key !== '?' && e.key.length === 1) return undefined;
  return PLAIN[key];
}
