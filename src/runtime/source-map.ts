/**
 * Just enough of the source map format to turn a position in transpiled JavaScript back into the
 * learner's TypeScript. Sucrase keeps lines where they were, so this mostly repairs columns that
 * moved when type annotations were removed.
 */

/** One mapping: generated column → original line and column (all 0-based). */
type Segment = readonly [genColumn: number, line: number, column: number];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64.indexOf(ch);
    if (digit < 0) throw new Error(`bad base64 digit "${ch}" in source map`);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Decoded `mappings`: for each generated line, its segments sorted by generated column. */
export type LineMappings = readonly (readonly Segment[])[];

/** Decodes a v3 source map's `mappings` string (single source, names ignored). */
export function decodeMappings(mappings: string): LineMappings {
  const lines: Segment[][] = [];
  let line = 0;
  let column = 0;
  for (const group of mappings.split(';')) {
    const segments: Segment[] = [];
    let gen = 0;
    for (const part of group.split(',')) {
      if (part === '') continue;
      const [g = 0, , l, c] = decodeVlq(part);
      gen += g;
      if (l === undefined || c === undefined) continue;
      line += l;
      column += c;
      segments.push([gen, line, column]);
    }
    lines.push(segments);
  }
  return lines;
}

/**
 * Maps a 1-based generated line and column to the original one. Columns inside a segment keep
 * their offset from the segment start. Without a mapping the position is returned unchanged,
 * which is right for sucrase's line-preserving output.
 */
export function originalPosition(
  map: LineMappings,
  line: number,
  column: number,
): { line: number; column: number } {
  const segments = map[line - 1];
  if (!segments || segments.length === 0) return { line, column };
  let best: Segment | undefined;
  for (const s of segments) {
    if (s[0] <= column - 1) best = s;
    else break;
  }
  if (!best) return { line: segments[0]![1] + 1, column };
  return { line: best[1] + 1, column: best[2] + (column - 1 - best[0]) + 1 };
}
