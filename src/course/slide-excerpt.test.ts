import { describe, expect, it } from 'vitest';
import { codeToHast, codeToHtml } from 'shiki';
import {
  CUT_CLASS,
  excerptCaption,
  markSlideLines,
  slideExcerpt,
  slideLinesTransformer,
  type HastElement,
  type HastNode,
} from './slide-excerpt.ts';
import { extractRegion, stripRegionMarkers } from './snippet-source.ts';

const code = [
  "import { a } from './a.ts';", // 1
  '', // 2
  '// #region server',
  'function serve() {', // 3
  '  // #region loop',
  '',
  '  while (true) {', // 5
  '    // #region call',
  '    a();', // 6
  '    // #endregion',
  '  }', // 7
  '',
  '  // #endregion',
  '}', // 9
  '// #endregion',
  'serve();', // 10
].join('\n');

describe('slideExcerpt', () => {
  it('numbers the kept lines in the whole program, without markers or blank ends', () => {
    const ex = slideExcerpt(code, 'loop', 'f.ts');
    expect(ex).toEqual({ first: 5, last: 7, fileFirst: 5, fileLast: 7, indent: 2 });
    const shown = stripRegionMarkers(code).split('\n');
    expect(shown.slice(ex.first - 1, ex.last)).toEqual(['  while (true) {', '    a();', '  }']);
    expect(excerptCaption(ex, 'f.ts')).toBe('lines 5–7 of f.ts');
  });

  it('counts inside the region a figure shows, after its dedent', () => {
    const ex = slideExcerpt(code, 'loop', 'f.ts', 'server');
    expect(ex).toEqual({ first: 3, last: 5, fileFirst: 5, fileLast: 7, indent: 2 });
    const shown = extractRegion(code, 'server', 'f.ts').split('\n');
    expect(shown.slice(ex.first - 1, ex.last)).toEqual(['  while (true) {', '    a();', '  }']);
  });

  it('counts the indent left after the dedent of an indented region', () => {
    const ex = slideExcerpt(code, 'call', 'f.ts', 'loop');
    expect(ex).toEqual({ first: 3, last: 3, fileFirst: 6, fileLast: 6, indent: 2 });
    expect(extractRegion(code, 'loop', 'f.ts').split('\n')[ex.first - 1]).toBe('  a();');
  });

  it('says "line" for one line', () => {
    expect(
      excerptCaption({ first: 2, last: 2, fileFirst: 4, fileLast: 4, indent: 0 }, 'x.ts'),
    ).toBe('line 4 of x.ts');
  });

  it('names the file and the problem', () => {
    expect(() => slideExcerpt(code, 'nope', 'f.ts')).toThrow('f.ts: no "// #region nope"');
    expect(() => slideExcerpt(code, 'server', 'f.ts', 'loop')).toThrow(
      'f.ts: slideRegion "server" must lie inside region "loop"',
    );
    expect(() => slideExcerpt('// #region e\n\n// #endregion', 'e', 'f.ts')).toThrow(
      'f.ts: slideRegion "e" has no code',
    );
  });
});

/** A HAST node of any kind (Shiki's root too): its text, in order. */
type AnyNode = { type: string; value?: string; children?: AnyNode[] };
const text = (n: AnyNode): string =>
  n.children ? n.children.map(text).join('') : n.type === 'text' ? (n.value ?? '') : '';
const classOf = (n: HastElement): string => String(n.properties['class'] ?? '');

/** What a slide shows: the text with cut lines and indents left out. */
const onSlide = (n: AnyNode): string =>
  n.type === 'element' && /slide-(cut|indent)/.test(classOf(n as HastElement))
    ? ''
    : n.children
      ? n.children.map(onSlide).join('')
      : n.type === 'text'
        ? (n.value ?? '')
        : '';

function plainCode(lines: string[]): HastElement {
  const children: HastNode[] = [];
  lines.forEach((l, i) => {
    if (i > 0) children.push({ type: 'text', value: '\n' });
    children.push({
      type: 'element',
      tagName: 'span',
      properties: { class: 'line' },
      children: [{ type: 'text', value: l }],
    });
  });
  return { type: 'element', tagName: 'code', properties: {}, children };
}

describe('markSlideLines', () => {
  const lines = ['a', '  b {', '    c', '  }', 'd'];
  const ex = { first: 2, last: 4, fileFirst: 2, fileLast: 4, indent: 2 };

  it('keeps the text whole and in order, and hides the rest without blank lines', () => {
    const node = plainCode(lines);
    markSlideLines(node, ex);
    expect(text(node)).toBe(lines.join('\n'));
    expect(onSlide(node)).toBe('b {\n  c\n}');
    const cut = node.children.filter(
      (c): c is HastElement => c.type === 'element' && classOf(c).includes(CUT_CLASS),
    );
    expect(cut.map(text)).toEqual(['a\n', '\nd']);
  });

  it('marks nothing for an excerpt of every line', () => {
    const node = plainCode(lines);
    markSlideLines(node, { first: 1, last: 5, fileFirst: 1, fileLast: 5, indent: 0 });
    expect(onSlide(node)).toBe(lines.join('\n'));
  });

  it('works on the HTML Shiki really builds', async () => {
    const source = stripRegionMarkers(code);
    const ex = slideExcerpt(code, 'loop', 'f.ts');
    const hast = await codeToHast(source, {
      lang: 'ts',
      theme: 'github-light',
      transformers: [slideLinesTransformer(ex)],
    });
    expect(text(hast)).toBe(source);
    expect(onSlide(hast)).toBe('while (true) {\n  a();\n}');
    const html = await codeToHtml(source, {
      lang: 'ts',
      theme: 'github-light',
      transformers: [slideLinesTransformer(ex)],
    });
    expect(html.match(/class="line slide-cut"/g)).toHaveLength(7);
  });
});
