/**
 * What a snippet's output region shows when its program cannot run on Node.js here
 * (WebContainer unavailable: offline, no cross-origin isolation, StackBlitz unreachable): the
 * output recorded on Node.js in CI, labelled with the reason.
 *
 * The figure already shows that recording in its "Output, recorded on Node.js" block. Printing it
 * in the output region as well put the same lines on screen twice, one under the other; so the
 * region takes the recording's place: the block is hidden while the fallback is on show, and
 * comes back with the next run (`output-view.ts`).
 */
export interface RecordedFallback {
  /** The output region's heading: where the lines come from, and why nothing ran. */
  readonly label: string;
  /** The recording's lines, for the output region; none when nothing was recorded. */
  readonly lines: readonly string[];
  /** The status line under them. */
  readonly note: string;
  /** Hide the figure's own recording block: its lines are in the output region now. */
  readonly hideRecordedBlock: boolean;
}

/**
 * The fallback for a run that could not happen, from the sandbox's `reason` (one sentence), the
 * figure's recording (`undefined` when it has none) and whether the reader's code was edited.
 */
export function recordedFallback(
  reason: string,
  recorded: string | undefined,
  edited: boolean,
): RecordedFallback {
  if (recorded === undefined) {
    return {
      label: `Not run on Node.js — ${reason}`,
      lines: [],
      note: 'No output was recorded for this program, so there is nothing to show instead.',
      hideRecordedBlock: false,
    };
  }
  const text = recorded.replace(/\r?\n$/, '');
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const note = edited
    ? 'This is the output of the original program: your edits were not run.'
    : 'Not run: this is the output recorded in CI.';
  return {
    label: `Recorded on Node.js 24 — ${reason}`,
    lines,
    note: lines.length > 0 ? note : `${note} It printed nothing.`,
    hideRecordedBlock: true,
  };
}
