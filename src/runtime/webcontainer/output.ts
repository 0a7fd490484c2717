import { originalPosition, type LineMappings } from '../source-map.ts';
import { MAX_LINE_CHARS } from '../output-limits.ts';
import type { OutputLine } from '../types.ts';

/** Wrapped around every stderr write by the runner script, so merged output can be split again. */
export const STDERR_BEGIN = '\uE000';
/** Ends a stderr write. */
export const STDERR_END = '\uE001';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r/g;
const MARKER = /[\uE000\uE001]/g;
/** Escape codes and markers make the raw head of a line longer than what is kept of it. */
const HEAD_MARGIN = 256;

/** A line as split from the terminal: its head, and how many characters were left out after it. */
export interface SplitLine extends OutputLine {
  /** Characters cut from the end of a line too long to keep (see `clipLine`). */
  readonly cut?: number;
}

/**
 * Splits WebContainer's merged terminal output back into stdout and stderr lines: the runner
 * marks stderr writes, the terminal adds `\r\n` and may add escape codes, and a chunk can end
 * mid-line. A line belongs to the stream its first character came from.
 *
 * Chunks are scanned line by line with `indexOf`, and of each line only the head that can be
 * shown (`maxLineChars`, see src/runtime/output-limits.ts) is copied and cleaned; the rest of a
 * huge line is only measured (and searched for stream markers), so one enormous line costs a
 * scan, not a string as long as itself.
 */
export class OutputSplitter {
  readonly #max: number;
  #inStderr = false;
  #parts: string[] = [];
  #length = 0;
  #cut = 0;
  #stream: 'stdout' | 'stderr' | undefined;

  /** Keeps one character more than shown, so the cut can avoid splitting a surrogate pair. */
  constructor(maxLineChars = MAX_LINE_CHARS + 1) {
    this.#max = maxLineChars;
  }

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: string): SplitLine[] {
    const lines: SplitLine[] = [];
    let at = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', at);
      this.#feed(chunk, at, nl < 0 ? chunk.length : nl);
      if (nl < 0) break;
      lines.push(this.#close());
      at = nl + 1;
    }
    return lines;
  }

  /** The last, unterminated line, if any. */
  end(): SplitLine[] {
    return this.#length === 0 && this.#cut === 0 ? [] : [this.#close()];
  }

  #feed(chunk: string, from: number, to: number): void {
    if (from >= to) return;
    const room = this.#max - this.#length;
    const headEnd = room > 0 ? Math.min(to, from + room + HEAD_MARGIN) : from;
    if (headEnd > from) {
      const head = chunk.slice(from, headEnd).replace(ANSI, '');
      let i = 0;
      MARKER.lastIndex = 0;
      for (let m = MARKER.exec(head); ; m = MARKER.exec(head)) {
        const end = m ? m.index : head.length;
        if (end > i) this.#append(head, i, end);
        if (!m) break;
        this.#inStderr = m[0] === STDERR_BEGIN;
        i = end + 1;
      }
    }
    if (headEnd < to) {
      // Only measured: a sliced string is a view, so this copies nothing.
      const rest = chunk.slice(headEnd, to);
      const begin = rest.lastIndexOf(STDERR_BEGIN);
      const end = rest.lastIndexOf(STDERR_END);
      let n = rest.length - (begin >= 0 ? 1 : 0) - (end >= 0 ? 1 : 0);
      if (rest.endsWith('\r')) n--;
      this.#stream ??= this.#inStderr ? 'stderr' : 'stdout';
      if (begin >= 0 || end >= 0) this.#inStderr = begin > end;
      this.#cut += Math.max(0, n);
    }
  }

  #append(text: string, from: number, to: number): void {
    this.#stream ??= this.#inStderr ? 'stderr' : 'stdout';
    const take = Math.max(0, Math.min(this.#max - this.#length, to - from));
    if (take > 0) this.#parts.push(text.slice(from, from + take));
    this.#length += take;
    this.#cut += to - from - take;
  }

  #close(): SplitLine {
    const stream = this.#stream ?? (this.#inStderr ? 'stderr' : 'stdout');
    const text = this.#parts.join('');
    const line: SplitLine = this.#cut > 0 ? { stream, text, cut: this.#cut } : { stream, text };
    this.#parts = [];
    this.#length = 0;
    this.#cut = 0;
    this.#stream = undefined;
    return line;
  }
}

/** Rewrites `…/main.js:3:12` in a Node stack line to the learner's `main.ts` position. */
export function mapNodeStackLine(text: string, file: string, mappings: LineMappings): string {
  const js = file.replace(/\.[cm]?ts$/, '.js');
  const re = new RegExp(
    `(?:file://)?(?:/[^\\s():]*/)?${js.replace('.', '\\.')}:(\\d+):(\\d+)`,
    'g',
  );
  return text.replace(re, (_, l: string, c: string) => {
    const at = originalPosition(mappings, Number(l), Number(c));
    return `${file}:${at.line}:${at.column}`;
  });
}
