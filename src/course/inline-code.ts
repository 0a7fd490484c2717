/** A run of plain text or of `code` inside a short string such as an exercise hint. */
export interface InlinePart {
  readonly code: boolean;
  readonly text: string;
}

/**
 * Splits text on backticks so that hints written in front matter can show `code` the way the
 * prose does. An unmatched backtick stays literal text.
 */
export function inlineCodeParts(text: string): InlinePart[] {
  const parts: InlinePart[] = [];
  let rest = text;
  for (let m = /`([^`]+)`/.exec(rest); m; m = /`([^`]+)`/.exec(rest)) {
    if (m.index > 0) parts.push({ code: false, text: rest.slice(0, m.index) });
    parts.push({ code: true, text: m[1]! });
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest !== '') parts.push({ code: false, text: rest });
  return parts;
}
