/**
 * The layering rule: which folders may import which, read with TypeScript's own parser so that
 * no form of import slips past it (side-effect imports, `export … from`, dynamic `import()`,
 * `import type`, `new URL('./x.ts', import.meta.url)` workers, Vite's `import.meta.glob`).
 *
 * `tests/unit/architecture.test.ts` applies it to the repository; `tests/unit/layering.test.ts`
 * shows it failing on every kind of violation, with the fixture tree `tests/fixtures/layering/`.
 */
import { existsSync, globSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, matchesGlob, resolve } from 'node:path';
import ts from 'typescript';

/** How a module refers to another. */
export type ImportKind =
  /** `import { a } from './x.ts'`, `import x from`, `import * as x from`, `import {} from` */
  | 'static'
  /** `import './x.ts'`: runs the module for its effects */
  | 'side-effect'
  /** `export { a } from './x.ts'`, `export * from` */
  | 're-export'
  /** `import('./x.ts')` */
  | 'dynamic'
  /** `new URL('./x.ts', import.meta.url)`: Vite bundles the file (a worker, an asset) */
  | 'url'
  /** `import.meta.glob('/src/x/*.ts')` without `?raw`: Vite bundles every match */
  | 'glob'
  /** `import x from './x.ts?raw'` or a `?raw` glob: the file's text, no code runs */
  | 'raw'
  /** `import type`, `export type … from`, `typeof import('./x.ts')`: erased when compiled */
  | 'type';

/** One reference to another module, as written. */
export interface ImportRef {
  /** The specifier as written, or undefined for `import(expression)`. */
  readonly specifier: string | undefined;
  readonly kind: ImportKind;
  /** 1-based line in the file. */
  readonly line: number;
  /** A glob's negated patterns (`!**\/*.test.ts`), without the `!`. */
  readonly except?: readonly string[];
}

/**
 * Kinds that load the other module's code, now or later: cycles count these. Type-only imports
 * are erased (`verbatimModuleSyntax` guarantees it) and `?raw` imports are text, so neither can
 * take part in a cycle of module evaluation.
 */
const LOADS: ReadonlySet<ImportKind> = new Set([
  'static',
  'side-effect',
  're-export',
  'dynamic',
  'url',
  'glob',
]);

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;
}

const isImportMeta = (n: ts.Node): boolean =>
  ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.ImportKeyword;

/** The references in TypeScript/JavaScript source, from its syntax tree (never from a regex). */
export function importsInCode(code: string, lineOffset = 0): ImportRef[] {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const add = (
    specifier: string | undefined,
    kind: ImportKind,
    node: ts.Node,
    except?: string[],
  ) => {
    const raw = kind !== 'type' && specifier?.endsWith('?raw');
    out.push({
      specifier,
      kind: raw ? 'raw' : kind,
      line: lineOf(sf, node.getStart(sf)) + lineOffset,
      ...(except?.length ? { except } : {}),
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const kind = !clause
        ? 'side-effect'
        : clause.phaseModifier === ts.SyntaxKind.TypeKeyword
          ? 'type'
          : 'static';
      add(literal(node.moduleSpecifier), kind, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(literal(node.moduleSpecifier), node.isTypeOnly ? 'type' : 're-export', node);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      add(literal(node.moduleReference.expression), node.isTypeOnly ? 'type' : 'static', node);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      add(ts.isLiteralTypeNode(arg) ? literal(arg.literal) : undefined, 'type', node);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        add(literal(node.arguments[0]), 'dynamic', node);
      } else if (ts.isIdentifier(callee) && callee.text === 'require' && node.arguments[0]) {
        add(literal(node.arguments[0]), 'static', node);
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === 'glob' &&
        isImportMeta(callee.expression)
      ) {
        const [patterns, options] = node.arguments;
        const list =
          patterns && ts.isArrayLiteralExpression(patterns)
            ? patterns.elements.map((e) => literal(e))
            : [literal(patterns)];
        const raw = options?.getText(sf).match(/query\s*:\s*['"]\?raw['"]/) != null;
        const except = list.filter((p) => p?.startsWith('!')).map((p) => p!.slice(1));
        for (const p of list) if (!p?.startsWith('!')) add(p, raw ? 'raw' : 'glob', node, except);
      }
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      ts.isPropertyAccessExpression(node.arguments[1]!) &&
      isImportMeta(node.arguments[1].expression) &&
      node.arguments[1].name.text === 'url'
    ) {
      add(literal(node.arguments[0]), 'url', node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The code blocks of an `.astro` file: its front matter and every `<script>`, with their lines. */
export function astroBlocks(text: string): { code: string; line: number }[] {
  const blocks: { code: string; line: number }[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length - 1;
  const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (fm) blocks.push({ code: fm[1]!, line: 1 });
  // Scripts are looked for in the template only (the front matter may mention `<script>`), and a
  // self-closing `<script … />` has no code and must not swallow the next script.
  const template = fm ? ' '.repeat(fm[0].length) + text.slice(fm[0].length) : text;
  for (const m of template.matchAll(/<script\b([^>]*?)(?:\/>|>([\s\S]*?)<\/script>)/g)) {
    if (m[2] === undefined || /type\s*=\s*["']application\/(ld\+)?json["']/.test(m[1]!)) continue;
    const start = m.index + m[0].indexOf('>') + 1;
    blocks.push({ code: m[2], line: lineAt(start) });
  }
  return blocks;
}

/**
 * The ESM blocks of an `.mdx` file: paragraphs that start with `import` or `export` at the start
 * of a line, outside fenced code, as MDX reads them.
 */
export function mdxBlocks(text: string): { code: string; line: number }[] {
  const blocks: { code: string; line: number }[] = [];
  const lines = text.split('\n');
  let fence = false;
  let i = /^---\r?$/.test(lines[0] ?? '') ? lines.indexOf('---', 1) + 1 : 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence || !/^(import|export)\b/.test(line)) continue;
    const start = i;
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') i++;
    blocks.push({ code: lines.slice(start, i + 1).join('\n'), line: start });
  }
  return blocks;
}

/** Every reference in a file, by its extension (`.astro` and `.mdx` read their code blocks). */
export function importsOf(file: string, text: string): ImportRef[] {
  const blocks = file.endsWith('.astro')
    ? astroBlocks(text)
    : file.endsWith('.mdx')
      ? mdxBlocks(text)
      : [{ code: text, line: 0 }];
  return blocks.flatMap((b) => importsInCode(b.code, b.line));
}

// ---------------------------------------------------------------------------------------------
// The table

/** One layer: the files it holds and what they may import. */
export interface Layer {
  readonly name: string;
  /** Which files belong to it (paths relative to the root, `/` separated); first match wins. */
  readonly files: RegExp;
  /** Layers whose modules it may import (code and types). `*` means any. */
  readonly may: readonly string[];
  /** Layers whose files it may read as text (`?raw`) on top of `may`. */
  readonly reads?: readonly string[];
  /**
   * The part of the path that names a unit of its own (a lesson folder): an import between two
   * layers that both have units must stay inside the unit (a lesson uses only its own files).
   */
  readonly unit?: RegExp;
  /**
   * npm packages and built-ins: `none` (pure TypeScript that runs anywhere), `browser` (no
   * `node:` built-ins and no `astro:` build-time modules) or `any`. Test files are exempt.
   */
  readonly packages: 'none' | 'browser' | 'any';
  /**
   * Packages allowed despite `packages`, each with its reason: the exception stays visible here.
   */
  readonly allowPackages?: Readonly<Record<string, string>>;
  /** Tools on Node may `import(expression)` anything; elsewhere see {@link COMPUTED_IMPORTS}. */
  readonly computed?: boolean;
  /** Why the layer is allowed what it is, for ARCHITECTURE.md and failure messages. */
  readonly why: string;
}

const LESSON = /^(src\/lessons\/[^/]+\/[^/]+\/)/;

/** The layers, lowest first. */
export const LAYERS: readonly Layer[] = [
  {
    name: 'src/kit',
    files: /^src\/kit\//,
    may: ['src/kit'],
    packages: 'none',
    why: 'the simulated kernel: runs in the worker, in WebContainer and on Node alike',
  },
  {
    name: 'src/lib',
    files: /^src\/lib\//,
    may: ['src/kit', 'src/lib'],
    packages: 'none',
    why: 'the shared course libraries (`#lib/<name>`), bundled into the worker like the kit',
  },
  {
    name: 'src/runtime/harness',
    files: /^src\/runtime\/harness\//,
    may: ['src/runtime/harness'],
    packages: 'none',
    why: 'the check API exercises import as `#harness`: mounted in the sandboxes as is',
  },
  {
    name: 'src/runtime',
    files: /^src\/runtime\//,
    may: ['src/kit', 'src/lib', 'src/runtime/harness', 'src/runtime'],
    packages: 'browser',
    why: 'sandboxes and the check pipeline: DOM-free logic, never UI code',
  },
  {
    name: 'src/course',
    files: /^src\/course\//,
    may: ['src/course', 'src/runtime'],
    reads: ['src/lessons (code)', 'fixture course (code)'],
    packages: 'any',
    why: 'the content model (schemas, lesson tree, snippet headers), used by pages and scripts',
  },
  {
    name: 'src/progress',
    files: /^src\/progress\//,
    may: ['src/progress'],
    packages: 'browser',
    why: "the learner's progress in localStorage, with no UI",
  },
  {
    name: 'src/client',
    files: /^src\/client\//,
    may: ['src/client'],
    packages: 'browser',
    why: 'browser modules of the page shell (search, theme, keys, copy buttons)',
  },
  {
    name: 'src/styles',
    files: /^src\/styles\//,
    may: [],
    packages: 'none',
    why: 'global CSS',
  },
  {
    name: 'src/components',
    files: /^src\/components\//,
    may: [
      'src/components',
      'src/client',
      'src/course',
      'src/progress',
      'src/runtime',
      'src/runtime/harness',
      'src/styles',
    ],
    packages: 'any',
    why: 'the UI: Astro components and the custom elements behind them',
  },
  {
    name: 'src/pages',
    files: /^src\/pages\//,
    may: ['src/pages', 'src/components', 'src/course', 'src/progress', 'src/styles'],
    packages: 'any',
    why: 'routes: put components together',
  },
  {
    name: 'src/lessons (code)',
    files: /^src\/lessons\/[^/]+\/[^/]+\/(snippets|exercises)\//,
    may: ['src/kit', 'src/lib', 'src/runtime/harness', 'src/lessons (code)'],
    unit: LESSON,
    packages: 'any',
    why: 'snippets and exercises: `#kit`, `#harness`, `#lib/*` and files of their own lesson',
  },
  {
    name: 'src/lessons (pages)',
    files: /^src\/lessons\//,
    may: ['src/components', 'src/lessons (pages)', 'src/lessons (code)'],
    unit: LESSON,
    packages: 'any',
    why: "a lesson's MDX and diagrams: components, and files of its own lesson (`?raw` outputs)",
  },
  {
    name: 'src (config)',
    files: /^src\/[^/]+$/,
    may: ['src/course'],
    packages: 'any',
    why: '`src/content.config.ts` and `src/env.d.ts`',
  },
  {
    name: 'scripts',
    files: /^scripts\//,
    may: ['scripts', 'src/course', 'src/kit', 'src/lib', 'src/runtime', 'src/runtime/harness'],
    packages: 'any',
    computed: true,
    why: 'build-time tools on Node (check-content, bench): never the UI',
  },
  {
    name: 'fixture course (code)',
    files: /^tests\/fixtures\/site\/[^/]+\/[^/]+\/(snippets|exercises)\//,
    may: ['src/kit', 'src/lib', 'src/runtime/harness', 'fixture course (code)'],
    packages: 'any',
    why: "the UI tests' fixture course (`src/course/content-root.ts`): code like a lesson's",
  },
  {
    name: 'tests',
    files: /^tests\//,
    may: ['*'],
    packages: 'any',
    computed: true,
    why: 'unit and end-to-end tests, fixtures',
  },
  {
    name: 'config',
    files: /^[^/]+\.(ts|mts|mjs|js|cjs)$/,
    may: ['*'],
    packages: 'any',
    computed: true,
    why: 'tool configuration at the root',
  },
];

/**
 * Files allowed an `import(expression)` whose target is only known at run time, and why. Anywhere
 * else it is reported: a computed specifier is the one import a parser cannot follow.
 */
export const COMPUTED_IMPORTS: Readonly<Record<string, string>> = {
  'src/runtime/worker/worker-main.ts': "the learner's program, linked into blob: URLs",
  'src/client/search.ts': 'Pagefind, generated into the site after the Astro build',
};

/** Files and folders the scan skips. */
const SKIP = /(^|\/)(node_modules|dist|\.astro|\.git|test-results|playwright-report)(\/|$)/;
const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs|astro|mdx)$/;
const TEST = /\.(test|spec)\.ts$|\.test-support\.ts$/;

/** The source files under `root`'s folders `dirs` (`.`: the files at the root only), relative. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    const abs = join(root, rel);
    if (!existsSync(abs) || SKIP.test(rel)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs).sort()) walk(rel ? `${rel}/${name}` : name);
    } else if (SOURCE.test(rel)) out.push(rel);
  };
  for (const d of dirs) {
    if (d !== '.') walk(d);
    else
      for (const name of readdirSync(root).sort())
        if (SOURCE.test(name) && statSync(join(root, name)).isFile()) out.push(name);
  }
  return out;
}

/** The layer a path belongs to, if any. */
export function layerOf(path: string, layers: readonly Layer[] = LAYERS): Layer | undefined {
  return layers.find((l) => l.files.test(path));
}

/** `package.json` `imports`: `#kit` → `./src/kit/index.ts`, `#lib/*` → `./src/lib/*.ts`. */
export type ImportMap = Readonly<Record<string, string>>;

/** A specifier's file relative to the root, or `package` for npm packages and built-ins. */
export function resolveSpecifier(
  specifier: string,
  from: string,
  imports: ImportMap,
): string | 'package' | undefined {
  const bare = specifier.replace(/\?.*$/, '');
  if (bare.startsWith('#')) {
    for (const [key, target] of Object.entries(imports)) {
      const star = key.indexOf('*');
      if (star < 0 ? bare === key : bare.startsWith(key.slice(0, star))) {
        const rest = star < 0 ? '' : bare.slice(star, bare.length - (key.length - star - 1));
        return target.replace('*', rest).replace(/^\.\//, '');
      }
    }
    return undefined;
  }
  if (bare.startsWith('/')) return bare.slice(1);
  if (bare.startsWith('.')) return join(dirname(from), bare);
  return 'package';
}

/** The files a Vite glob pattern (`/src/x/*.ts` from the root, or relative) matches now. */
function globFiles(
  root: string,
  pattern: string,
  from: string,
  except: readonly string[] = [],
): string[] {
  // As Vite reads them: `/x` from the root, `./x` from the importer, `**/x` anywhere.
  const rel = (p: string) =>
    p.startsWith('/') ? p.slice(1) : p.startsWith('.') ? join(dirname(from), p) : p;
  return globSync(rel(pattern).replace(/\?.*$/, ''), { cwd: root })
    .filter((f) => !except.some((p) => matchesGlob(f, rel(p))))
    .sort();
}

/** A broken rule, for a failure message. */
export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly rule: 'layer' | 'package' | 'computed' | 'unresolved' | 'unlayered' | 'cycle';
  readonly message: string;
}

/** The graph the rule is checked on. */
export interface Scan {
  readonly violations: Violation[];
  /** `file → files it imports, with the kind`, for the cycle check. */
  readonly edges: ReadonlyMap<string, readonly { to: string; kind: ImportKind }[]>;
}

/** Checks every file under `dirs` against the table. */
export function checkLayers(
  root: string,
  dirs: readonly string[],
  imports: ImportMap,
  layers: readonly Layer[] = LAYERS,
): Scan {
  const violations: Violation[] = [];
  const edges = new Map<string, { to: string; kind: ImportKind }[]>();
  for (const file of sourceFiles(root, dirs)) {
    const layer = layerOf(file, layers);
    if (!layer) {
      violations.push({
        file,
        line: 1,
        rule: 'unlayered',
        message: `${file} is in no layer: add its folder to the table in tests/unit/layering.ts`,
      });
      continue;
    }
    const fileEdges: { to: string; kind: ImportKind }[] = [];
    edges.set(file, fileEdges);
    const where = (ref: ImportRef) => ({ file, line: ref.line });
    for (const ref of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      const label = `${ref.kind} import of '${ref.specifier ?? '(computed)'}'`;
      if (ref.specifier === undefined) {
        if (ref.kind === 'type' || layer.computed || COMPUTED_IMPORTS[file]) continue;
        violations.push({
          ...where(ref),
          rule: 'computed',
          message: `${file}:${ref.line}: ${label}: a computed specifier cannot be checked (list the file in COMPUTED_IMPORTS with a reason if it must)`,
        });
        continue;
      }
      const spec = ref.specifier;
      const targets = /[*{]/.test(spec)
        ? globFiles(root, spec, file, ref.except)
        : [resolveSpecifier(spec, file, imports)];
      if (targets[0] === 'package') {
        const builtin = /^node:|^astro:/.test(spec);
        if (TEST.test(file) || layer.packages === 'any' || layer.allowPackages?.[spec]) continue;
        if (layer.packages === 'browser' && !builtin) continue;
        violations.push({
          ...where(ref),
          rule: 'package',
          message: `${file}:${ref.line}: ${label}: ${layer.name} may import ${
            layer.packages === 'none' ? 'no packages' : 'no node: or astro: modules'
          } (${layer.why})`,
        });
        continue;
      }
      const refused = new Set<string>();
      for (const target of targets) {
        if (target === undefined || target === 'package' || !existsSync(join(root, target))) {
          violations.push({
            ...where(ref),
            rule: 'unresolved',
            message: `${file}:${ref.line}: ${label} does not resolve to a file`,
          });
          continue;
        }
        fileEdges.push({ to: target, kind: ref.kind });
        const to = layerOf(target, layers);
        // Lessons keep to their own folder: compared whenever both sides are lesson layers.
        const sameUnit =
          !layer.unit || !to?.unit || layer.unit.exec(file)?.[1] === to.unit.exec(target)?.[1];
        // Tests never ship: a unit test may borrow any module (the runtime's transpiler, say).
        const allowed =
          TEST.test(file) ||
          layer.may.includes('*') ||
          (to !== undefined &&
            (layer.may.includes(to.name) ||
              (ref.kind === 'raw' && (layer.reads ?? []).includes(to.name))) &&
            sameUnit);
        const what = sameUnit ? (to?.name ?? target) : `${target} (another lesson)`;
        if (allowed || refused.has(what)) continue;
        refused.add(what);
        violations.push({
          ...where(ref),
          rule: 'layer',
          message: `${file}:${ref.line}: ${label}: ${layer.name} may not import ${what}; it may import ${
            layer.may.join(', ') || 'nothing'
          } (${layer.why})`,
        });
      }
    }
  }
  return { violations, edges };
}

/**
 * Cycles of value imports (`static`, `side-effect`, `re-export`) among non-test files whose path
 * matches `within`: each strongly connected component of two or more modules, sorted.
 */
export function valueCycles(scan: Scan, within: RegExp = /^src\//): string[][] {
  const nodes = [...scan.edges.keys()].filter((f) => within.test(f) && !TEST.test(f));
  const inside = new Set(nodes);
  const next = (f: string) =>
    (scan.edges.get(f) ?? []).filter((e) => LOADS.has(e.kind) && inside.has(e.to)).map((e) => e.to);
  // Tarjan's algorithm.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next(v).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

// ---------------------------------------------------------------------------------------------
// Platform: code that must run in the worker, in WebContainer and on Node

/** Globals of one platform only: the DOM (`document`) or Node (`process`). */
export const PLATFORM_GLOBALS = [
  'document',
  'window',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'self',
  'process',
  'Buffer',
  'require',
  'setImmediate',
  '__dirname',
  '__filename',
] as const;

/** Sources that differ from run to run, which would break recorded outputs. */
export const NONDETERMINISTIC = [
  'Date.now',
  'Math.random',
  'performance.now',
  'crypto.getRandomValues',
  'crypto.randomUUID',
  'new Date()',
] as const;

/** Uses of {@link PLATFORM_GLOBALS} and {@link NONDETERMINISTIC} in value positions. */
export function platformUses(code: string): { name: string; line: number }[] {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const declared = new Set<string>();
  const collect = (node: ts.Node): void => {
    const name = (node as { name?: ts.Node }).name;
    if (
      name &&
      ts.isIdentifier(name) &&
      (ts.isVariableDeclaration(node) ||
        ts.isParameter(node) ||
        ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isBindingElement(node) ||
        ts.isImportSpecifier(node) ||
        ts.isNamespaceImport(node) ||
        ts.isImportClause(node))
    )
      declared.add(name.text);
    ts.forEachChild(node, collect);
  };
  collect(sf);
  const uses: { name: string; line: number }[] = [];
  const add = (name: string, node: ts.Node) =>
    uses.push({ name, line: lineOf(sf, node.getStart(sf)) });
  const global = (n: ts.Node): n is ts.Identifier => ts.isIdentifier(n) && !declared.has(n.text);
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node))
      return;
    if (ts.isPropertyAccessExpression(node) && global(node.expression)) {
      const name = `${node.expression.text}.${node.name.text}`;
      if ((NONDETERMINISTIC as readonly string[]).includes(name)) add(name, node);
    } else if (
      ts.isNewExpression(node) &&
      global(node.expression) &&
      node.expression.text === 'Date' &&
      (node.arguments?.length ?? 0) === 0
    ) {
      add('new Date()', node);
    } else if (global(node) && (PLATFORM_GLOBALS as readonly string[]).includes(node.text)) {
      const p = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        ((ts.isPropertyAssignment(p) ||
          ts.isMethodDeclaration(p) ||
          ts.isPropertyDeclaration(p) ||
          ts.isGetAccessor(p) ||
          ts.isSetAccessor(p)) &&
          p.name === node) ||
        ts.isQualifiedName(p);
      if (!isName) add(node.text, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses;
}

// ---------------------------------------------------------------------------------------------
// ARCHITECTURE.md

/**
 * Paths in backticks in a Markdown text that do not exist under `root`. A path is a backticked
 * word with a `/` and no spaces (a bare `check.ts` is a name, not a path); a `<name>` placeholder
 * checks the folder before it.
 */
export function missingPaths(markdown: string, root: string): string[] {
  const missing: string[] = [];
  for (const [, path] of markdown.matchAll(/`([^`\s]+)`/g)) {
    if (!/^[\w.][\w.@[\]<>-]*(\/[\w.@[\]<>-]*)+$/.test(path!) || /^node:|^#/.test(path!)) continue;
    const real = path!.includes('<') ? path!.slice(0, path!.indexOf('<')) : path!;
    if (!existsSync(resolve(root, real))) missing.push(path!);
  }
  return [...new Set(missing)];
}
