import { MAX_OUTPUT_LINES, type OutputLine } from './types.ts';

/**
 * How much of a program's output reaches the page, the same for every sandbox (the worker and
 * WebContainer). The caps are applied where the text is produced — in the worker, or as
 * WebContainer's terminal chunks arrive — so that whatever a program prints, the page only ever
 * receives and draws a bounded amount: at most {@link OutputLimits.lines} lines of at most
 * {@link OutputLimits.lineChars} characters each, and at most {@link OutputLimits.bytes} in all.
 */
export interface OutputLimits {
  /** Characters kept of one line; the rest is replaced by "… N more characters". */
  readonly lineChars: number;
  /** Lines kept per run; later ones are only counted. */
  readonly lines: number;
  /** UTF-8 bytes kept per run (the kept lines' text); once over, later lines are only counted. */
  readonly bytes: number;
}

/** One line of a normal reading width is far below this; one huge `JSON.stringify` is not. */
export const MAX_LINE_CHARS = 10_000;
/** One megabyte per run: about 5,000 lines of 200 characters. */
export const MAX_OUTPUT_BYTES = 1_000_000;

/** The course's caps. */
export const OUTPUT_LIMITS: OutputLimits = {
  lineChars: MAX_LINE_CHARS,
  lines: MAX_OUTPUT_LINES,
  bytes: MAX_OUTPUT_BYTES,
};

/** The note that replaces the end of a cut line. */
export function moreCharacters(n: number): string {
  return `… ${n.toLocaleString('en')} more characters`;
}

/** Where to cut `text` to keep at most `max` characters without splitting a surrogate pair. */
function cutAt(text: string, max: number): number {
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Keeps the first `max` characters of `text` and says how many were left out; `alreadyCut`
 * counts characters a producer dropped before (a line too long to keep whole as it streamed in).
 */
export function clipLine(text: string, max = MAX_LINE_CHARS, alreadyCut = 0): string {
  let kept = text;
  let more = alreadyCut;
  if (text.length > max) {
    const at = cutAt(text, max);
    kept = text.slice(0, at);
    more += text.length - at;
  }
  return more > 0 ? kept + moreCharacters(more) : kept;
}

/** Length in UTF-8 bytes, counted without allocating. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Number of `\n` in `text` from `from` on, counted without splitting it. */
export function countNewlines(text: string, from = 0): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * One run's share of output: cuts long lines and keeps lines while both the line and the byte
 * budget last. Once a line does not fit, every later line is dropped too (so the kept output is
 * always a prefix of what the program printed), and only counted.
 */
export class OutputBudget {
  readonly limits: OutputLimits;
  #lines = 0;
  #bytes = 0;
  #full = false;
  #dropped = 0;

  constructor(limits: Partial<OutputLimits> = {}) {
    this.limits = { ...OUTPUT_LIMITS, ...limits };
  }

  /**
   * The line as it may be shown, or undefined when the budget is spent. `alreadyCut`: see
   * {@link clipLine}.
   */
  take(line: OutputLine, alreadyCut = 0): OutputLine | undefined {
    if (!this.#full) {
      const text = clipLine(line.text, this.limits.lineChars, alreadyCut);
      const bytes = utf8Length(text) + 1; // and its newline
      if (this.#lines < this.limits.lines && this.#bytes + bytes <= this.limits.bytes) {
        this.#lines++;
        this.#bytes += bytes;
        return text === line.text ? line : { stream: line.stream, text };
      }
      this.#full = true;
    }
    this.#dropped++;
    return undefined;
  }

  /** Counts `n` lines dropped unseen (the budget is spent, so they were not even split). */
  drop(n: number): void {
    this.#dropped += n;
  }

  /** True once nothing more will be kept. */
  get full(): boolean {
    return this.#full;
  }

  /** Lines dropped so far. */
  get dropped(): number {
    return this.#dropped;
  }
}
