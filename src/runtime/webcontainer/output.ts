import { originalPosition, type LineMappings } from '../source-map.ts';
import type { OutputLine } from '../types.ts';

/** Wrapped around every stderr write by the runner script, so merged output can be split again. */
export const STDERR_BEGIN = '\uE000';
/** Ends a stderr write. */
export const STDERR_END = '\uE001';

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r/g;

/**
 * Splits WebContainer's merged terminal output back into stdout and stderr lines: the runner
 * marks stderr writes, the terminal adds `\r\n` and may add escape codes, and a chunk can end
 * mid-line. A line belongs to the stream its first character came from.
 */
export class OutputSplitter {
  #inStderr = false;
  #line = '';
  #stream: 'stdout' | 'stderr' | undefined;

  /** Feeds one chunk; returns the lines it completed. */
  push(chunk: string): OutputLine[] {
    const lines: OutputLine[] = [];
    for (const ch of chunk.replace(ANSI, '')) {
      if (ch === STDERR_BEGIN) this.#inStderr = true;
      else if (ch === STDERR_END) this.#inStderr = false;
      else if (ch === '\n') {
        lines.push({
          stream: this.#stream ?? (this.#inStderr ? 'stderr' : 'stdout'),
          text: this.#line,
        });
        this.#line = '';
        this.#stream = undefined;
      } else {
        this.#stream ??= this.#inStderr ? 'stderr' : 'stdout';
        this.#line += ch;
      }
    }
    return lines;
  }

  /** The last, unterminated line, if any. */
  end(): OutputLine[] {
    if (this.#line === '') return [];
    const line = { stream: this.#stream ?? 'stdout', text: this.#line };
    this.#line = '';
    return [line];
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
