/**
 * What a snippet does with code from a shared link, as pure decisions (the bench in
 * `snippet-bench.ts` applies them to the page). The rules:
 *
 * - Shared code is shown, never run: nothing runs until the reader presses Run.
 * - It is not saved either: it becomes the reader's saved edit only when they edit or run it.
 * - It never replaces the reader's own edit without asking: when they have an edit that differs,
 *   their version stays on show and they choose "Use the shared code" or "Keep my version".
 */

/** Code from a link while it is on show and not yet the reader's own. */
export interface SharedState {
  /** The code the link carries. */
  readonly code: string;
  /** The reader's own edited version, when they have one that differs from the shared code. */
  readonly mine: string | undefined;
  /** Which of the two is in the editor. */
  readonly showing: 'shared' | 'mine';
}

/**
 * The state after a link brings `code`. `current` is the code on show now, `original` the
 * lesson's; `previous` is the state of an earlier link still on show (its code is not the
 * reader's, so the reader's version is the one it kept).
 */
export function offerShared(
  previous: SharedState | undefined,
  current: string,
  original: string,
  code: string,
): SharedState {
  const before = previous ? previous.mine : current;
  const mine = before !== undefined && before !== original && before !== code ? before : undefined;
  return { code, mine, showing: mine === undefined ? 'shared' : 'mine' };
}

/** The code to show for a state. */
export function shownCode(state: SharedState): string {
  return state.showing === 'mine' && state.mine !== undefined ? state.mine : state.code;
}

/** The notice above the code: its text and which choices it offers. */
export interface SharedNotice {
  readonly text: string;
  /** Offer "Use the shared code". */
  readonly use: boolean;
  /** The label of the button that goes back to the reader's version, if there is one. */
  readonly back: string | undefined;
}

/** What the notice says for a state. */
export function sharedNotice(state: SharedState): SharedNotice {
  if (state.showing === 'mine')
    return {
      text:
        'This link brings someone else’s version of this program. Your own edited version is ' +
        'kept and shown below until you choose.',
      use: true,
      back: 'Keep my version',
    };
  const tail =
    state.mine === undefined
      ? ' Reset brings back the lesson’s program.'
      : ' Your own version stays saved until you edit or run this code.';
  return {
    text:
      'Shared code: someone else’s version of this program, opened from a link. It has not ' +
      `run: read it first; nothing runs until you press Run.${tail}`,
    use: false,
    back: state.mine === undefined ? undefined : 'Back to my version',
  };
}
