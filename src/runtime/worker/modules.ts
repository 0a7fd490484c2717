import type { ModuleInfo } from '../stack.ts';
import type { WorkerModule } from './protocol.ts';

/** The course's own modules a program may import by name, already bundled into the worker. */
export type Builtins = Readonly<Record<string, Record<string, unknown>>>;

/**
 * The specifier a bundled course module is imported by: `/src/kit/index.ts` → `#kit`,
 * `/src/runtime/harness/index.ts` → `#harness`, `/src/lib/deferred.ts` → `#lib/deferred` (the
 * same names as `imports` in package.json, so a program runs unchanged on Node).
 */
export function builtinName(path: string): string {
  if (path === '/src/kit/index.ts') return '#kit';
  if (path === '/src/runtime/harness/index.ts') return '#harness';
  const lib = /^\/src\/lib\/([\w-]+)\.ts$/.exec(path);
  if (lib) return `#lib/${lib[1]}`;
  throw new Error(`${path} is not a course module`);
}

const REGISTRY = Symbol.for('async-io-course.builtins');
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])([^'"\n]+)\2/g;

function blobUrl(code: string): string {
  return URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
}

/**
 * A module that re-exports one bundled namespace. Learner code is loaded from blob URLs, which
 * cannot resolve `#kit`, so `#kit` is rewritten to the URL of this shim, which reads the kit
 * the worker bundle already contains (Vite resolved the kit's own `.ts` imports at build time).
 */
function shim(name: string, namespace: Record<string, unknown>): string {
  const ref = `globalThis[Symbol.for(${JSON.stringify(REGISTRY.description)})][${JSON.stringify(name)}]`;
  const lines = [`const m = ${ref};`];
  for (const key of Object.keys(namespace)) {
    if (key === 'default') lines.push('export default m.default;');
    else if (/^[A-Za-z_$][\w$]*$/.test(key))
      lines.push(`export const ${key} = m[${JSON.stringify(key)}];`);
  }
  return lines.join('\n');
}

/** What `link` produced: the entry's URL and, per URL, what is needed to map stack frames. */
export interface Linked {
  readonly entryUrl: string;
  readonly modules: Map<string, ModuleInfo>;
  /** Blob URL → the name to show instead (`#kit`, `main.ts`), for error messages. */
  readonly names: Map<string, string>;
}

/**
 * Turns transpiled files into blob-URL modules: `#kit`-style specifiers point at shims, and
 * relative specifiers (`./util.ts`, `./util.js`, `./util`) at the other files' URLs. Only the
 * specifier text changes, so lines stay where sucrase left them.
 */
export function link(files: readonly WorkerModule[], entry: string, builtins: Builtins): Linked {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = builtins;
  const urls = new Map<string, string>();
  const modules = new Map<string, ModuleInfo>();
  const names = new Map<string, string>();
  for (const [name, ns] of Object.entries(builtins)) {
    const url = blobUrl(shim(name, ns));
    urls.set(name, url);
    names.set(url, name);
  }
  const byName = new Map(files.map((f) => [f.file.replace(/\.[cm]?[tj]s$/, ''), f]));
  const visiting = new Set<string>();
  const load = (file: WorkerModule): string => {
    const done = urls.get(file.file);
    if (done) return done;
    if (visiting.has(file.file))
      throw new Error(`Circular imports are not supported: ${file.file}`);
    visiting.add(file.file);
    const code = file.code.replace(SPECIFIER, (whole, lead: string, q: string, spec: string) => {
      const builtin = urls.get(spec);
      if (builtin && spec.startsWith('#')) return `${lead}${q}${builtin}${q}`;
      const local = spec.startsWith('./')
        ? byName.get(spec.slice(2).replace(/\.[cm]?[tj]s$/, ''))
        : undefined;
      return local ? `${lead}${q}${load(local)}${q}` : whole;
    });
    const url = blobUrl(code);
    urls.set(file.file, url);
    modules.set(url, { file: file.file, mappings: file.mappings });
    names.set(url, file.file);
    return url;
  };
  const main = files.find((f) => f.file === entry);
  if (!main) throw new Error(`No entry file ${entry}`);
  return { entryUrl: load(main), modules, names };
}
