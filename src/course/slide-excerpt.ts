/**
 * A snippet's slide excerpt: `<Snippet slideRegion="loop">` keeps the whole program on the
 * lesson page (it still runs, edits and copies whole) and marks, in the highlighted HTML, the
 * lines a slide leaves out. The deck's CSS hides them (`src/components/slides/deck.css`), so a
 * slide shows the few lines its claim is about while Run on the slide still runs the program.
 *
 * The slide region uses the same markers as `region` (`// #region name` … `// #endregion`),
 * which the reader never sees. Lines are counted in the program as the lesson page shows it:
 * without the `// @…` header and without region markers.
 */

import { findRegion, isRegionMarker } from './snippet-source.ts';

/** Which lines of a figure's code a slide keeps. */
export interface SlideExcerpt {
  /** First and last kept line, 1-based, counted in the code the figure shows. */
  readonly first: number;
  readonly last: number;
  /** The same lines counted in the whole program as the lesson page shows it. */
  readonly fileFirst: number;
  readonly fileLast: number;
  /** Leading spaces the slide drops from every kept line: their common indentation. */
  readonly indent: number;
}

/**
 * Finds `// #region <slideRegion>` in a snippet's code (its header already removed, markers
 * still in). With `region`, the figure shows only that region, and the slide region must lie
 * inside it. Blank lines at either end of the slide region are left out. Throws, naming
 * `file`, when a region is missing, misplaced or empty.
 */
export function slideExcerpt(
  code: string,
  slideRegion: string,
  file: string,
  region?: string,
): SlideExcerpt {
  const lines = code.split('\n');
  const shown = region ? findRegion(lines, region, file) : { start: -1, end: lines.length };
  const slide = findRegion(lines, slideRegion, file);
  if (slide.start <= shown.start || slide.end >= shown.end) {
    throw new Error(
      `${file}: slideRegion "${slideRegion}" must lie inside region "${region ?? ''}", which the figure shows`,
    );
  }
  const kept: number[] = [];
  for (let i = slide.start + 1; i < slide.end; i++) {
    if (!isRegionMarker(lines[i]!)) kept.push(i);
  }
  while (kept.length > 0 && lines[kept[0]!]!.trim() === '') kept.shift();
  while (kept.length > 0 && lines[kept.at(-1)!]!.trim() === '') kept.pop();
  if (kept.length === 0) throw new Error(`${file}: slideRegion "${slideRegion}" has no code`);

  // A figure showing `region` shows its lines dedented: the slide's indent is counted after that.
  const regionCut = region ? commonIndent(visible(lines, shown.start + 1, shown.end)) : 0;
  const indent = commonIndent(kept.map((i) => lines[i]!)) - regionCut;
  const shownNumber = (i: number): number => visible(lines, shown.start + 1, i).length + 1;
  const fileNumber = (i: number): number => visible(lines, 0, i).length + 1;
  return {
    first: shownNumber(kept[0]!),
    last: shownNumber(kept.at(-1)!),
    fileFirst: fileNumber(kept[0]!),
    fileLast: fileNumber(kept.at(-1)!),
    indent,
  };
}

/** The slide's caption: "lines 12–24 of echo.ts", so the audience knows it sees an excerpt. */
export function excerptCaption(excerpt: SlideExcerpt, name: string): string {
  return excerpt.fileFirst === excerpt.fileLast
    ? `line ${excerpt.fileFirst} of ${name}`
    : `lines ${excerpt.fileFirst}–${excerpt.fileLast} of ${name}`;
}

function visible(lines: readonly string[], from: number, to: number): string[] {
  return lines.slice(from, to).filter((l) => !isRegionMarker(l));
}

function commonIndent(lines: readonly string[]): number {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)![0].length);
  return indents.length > 0 ? Math.min(...indents) : 0;
}

// --- Marking the highlighted HTML -------------------------------------------------------------

/** The parts of a HAST tree (what Shiki builds) that the marking touches. */
export interface HastText {
  type: 'text';
  value: string;
}
export interface HastElement {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: HastNode[];
}
export type HastNode = HastText | HastElement | { type: 'comment'; value: string };

/** Class on a line a slide leaves out. */
export const CUT_CLASS = 'slide-cut';
/** Class on the leading spaces a slide drops from a kept line. */
export const INDENT_CLASS = 'slide-indent';

/**
 * Marks a highlighted `<code>` element (children: one `span.line` per line, with a `\n` text
 * between lines) for `excerpt`: lines outside it get `slide-cut`, and each newline outside the
 * kept block moves into the cut line beside it, so that hiding the cut lines leaves no blank
 * lines; the kept lines' common indentation is wrapped in `span.slide-indent`. The text of the
 * element, in order, is unchanged: the page's copy, edit and Run still see the whole program.
 */
export function markSlideLines(code: HastElement, excerpt: SlideExcerpt): void {
  const children: HastNode[] = [];
  let line = 0;
  let pending: HastText | undefined;
  for (const node of code.children) {
    if (node.type === 'element') {
      line++;
      const cut = line < excerpt.first || line > excerpt.last;
      if (cut) addClass(node, CUT_CLASS);
      else dropIndent(node, excerpt.indent);
      // A newline after the kept block belongs to the cut line it introduces.
      if (pending && line > excerpt.last) node.children.unshift(pending);
      else if (pending) children.push(pending);
      pending = undefined;
      children.push(node);
    } else if (node.type === 'text' && node.value === '\n' && line > 0) {
      const previous = children.at(-1);
      // A newline before the kept block belongs to the cut line it ends.
      if (line < excerpt.first && previous?.type === 'element') previous.children.push(node);
      else pending = node;
    } else {
      if (pending) children.push(pending);
      pending = undefined;
      children.push(node);
    }
  }
  if (pending) children.push(pending);
  code.children = children;
}

/** A Shiki transformer (structurally) that applies `markSlideLines` to the `<code>` element. */
export function slideLinesTransformer(excerpt: SlideExcerpt): {
  name: string;
  code(node: HastElement): void;
} {
  return { name: 'slide-excerpt', code: (node) => markSlideLines(node, excerpt) };
}

function addClass(node: HastElement, name: string): void {
  const current = node.properties['class'];
  const list = Array.isArray(current)
    ? current.map(String)
    : typeof current === 'string'
      ? current.split(/\s+/).filter(Boolean)
      : [];
  node.properties['class'] = [...list, name].join(' ');
}

/** Wraps the first `count` characters of a line (all spaces) in `span.slide-indent`. */
function dropIndent(lineNode: HastElement, count: number): void {
  let left = count;
  const out: HastNode[] = [];
  for (const child of lineNode.children) {
    const text = left > 0 ? textOf(child) : undefined;
    if (text === undefined || child.type === 'comment') {
      if (left > 0) left = 0; // Not a plain token: leave the rest of the line alone.
      out.push(child);
      continue;
    }
    const take = Math.min(left, /^[ \t]*/.exec(text)![0].length);
    left = take === text.length ? left - take : 0;
    if (take === 0) out.push(child);
    else if (take === text.length) {
      if (child.type === 'element') addClass(child, INDENT_CLASS);
      out.push(child.type === 'element' ? child : indentSpan(text));
    } else {
      out.push(indentSpan(text.slice(0, take)));
      out.push(withText(child, text.slice(take)));
    }
  }
  lineNode.children = out;
}

/** The text of a text node or of a token span holding one text node; otherwise undefined. */
function textOf(node: HastNode): string | undefined {
  if (node.type === 'text') return node.value;
  if (node.type === 'element' && node.children.length === 1 && node.children[0]!.type === 'text')
    return node.children[0]!.value;
  return undefined;
}

function withText(node: HastText | HastElement, value: string): HastNode {
  if (node.type === 'text') return { type: 'text', value };
  return { ...node, children: [{ type: 'text', value }] };
}

function indentSpan(value: string): HastElement {
  return {
    type: 'element',
    tagName: 'span',
    properties: { class: INDENT_CLASS },
    children: [{ type: 'text', value }],
  };
}
