/**
 * The source transform behind `#lib/greenlet`: it makes every ordinary function of a learner's
 * module resumable, so that `g.switch()` several plain calls deep can suspend the whole greenlet
 * (see the long comment at the top of `./greenlet.ts` for the runtime side).
 *
 * Input and output are JavaScript (TypeScript already stripped). Every edit stays on its line:
 * text is inserted, or a token is replaced, never a newline, so line numbers in errors still
 * point at the learner's source (columns shift on edited lines).
 *
 * What it does, with `G` standing for the runtime object `__green`:
 *
 * | source                          | becomes                                                             |
 * | ------------------------------- | ------------------------------------------------------------------- |
 * | `function f(a) {…}`             | `function f(){return G.d(f$green,this,arguments)}function* f$green(a) {…}` plus `G.l(f,f$green);` at the top of the enclosing block (marks the wrapper) |
 * | `function (a) {…}` (expression) | `G.w(function* (a) {…},"name",false)`                                |
 * | `function g(a) {…}` (named)     | `((g)=>g=G.w(function* (a) {…},"g",false))()` (so `g` inside is the wrapper) |
 * | `(a) => e` / `(a) => {…}`       | `G.w(function* (a) {var __g$o;return (e)},"name",true,this)`         |
 * | class/object method `m(a) {…}`  | `*m(a) {…}`, then `G.pc(cls, ["m"], [])` in a `static{}` block at the top of the class body / `G.po({…}, ["m"])` around the object literal |
 * | call `f(a, b)` in such a body   | `(G.c2(f,a,b)?yield* G.it:G.r)`                                       |
 * | call `o.m(a)`                   | `(G.m1(__g$o=o,__g$o.m,a)?yield* G.it:G.r)`                            |
 * | `super.m(a)`                    | `(G.m1(this,super.m,a)?yield* G.it:G.r)`                              |
 * | 4+ arguments or a spread        | `G.cn(f,[…])` / `G.mn(o,f,[…])`                                        |
 *
 * Evaluation order is JavaScript's: callee (object, then property) before arguments, left to
 * right. `cN`/`mN` call the callee plainly unless it carries a generator version.
 *
 * Left plain (they still run, but a switch inside them from a non-main greenlet throws):
 * the module's top level (it is the main greenlet); `async` functions and generators; getters,
 * setters and constructors; class field initializers and static blocks; calls in default
 * parameter values; optional calls and calls in optional chains (`f?.()`, `o?.m()`); tagged
 * templates; `new`; direct `eval`; methods with computed or private (`#m`) names; arrows that
 * use `arguments`, `super` or `new.target`, functions that use `new.target`; function
 * expressions used directly as `new function () {…}`; function declarations directly inside a
 * `switch` case; a parenthesised member callee `(o.m)(x)`.
 */
import { parse } from 'acorn';

// Which modules to transform is decided without loading this module (and acorn): see green-detect.
export { needsGreenTransform } from './green-detect.ts';

/** An ESTree node as acorn produces it (only the fields used here are typed). */
interface N {
  type: string;
  start: number;
  end: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

export interface GreenTransformOptions {
  /**
   * Text put at the very start of line 1 to bring the runtime object `__green` into scope.
   * Default: `import{__green}from"#lib/greenlet";`.
   */
  readonly prelude?: string;
}

export const DEFAULT_PRELUDE = 'import{__green}from"#lib/greenlet";';
const G = '__green';
const TMP = '__g$o';
const SUFFIX = '$green';
const CALL_TAIL = `?yield* ${G}.it:${G}.r)`;

class Edits {
  readonly pre = new Map<number, string>();
  readonly post = new Map<number, string>();
  readonly del: Uint8Array;
  readonly src: string;
  constructor(src: string) {
    this.src = src;
    this.del = new Uint8Array(src.length + 1);
  }
  /** Text before position `pos`, after text inserted earlier at `pos` (outer nodes first). */
  before(pos: number, text: string): void {
    this.pre.set(pos, (this.pre.get(pos) ?? '') + text);
  }
  /** Text closing a node that ends at `pos`: goes before closers inserted earlier (inner first). */
  close(pos: number, text: string): void {
    this.post.set(pos, text + (this.post.get(pos) ?? ''));
  }
  /** Replaces the characters [start, end) (which must not contain a newline) by `text`. */
  replace(start: number, end: number, text: string): void {
    for (let i = start; i < end; i++) {
      if (this.src[i] === '\n') throw new Error('green transform: refusing to delete a newline');
      this.del[i] = 1;
    }
    this.before(start, text);
  }
  apply(): string {
    let out = '';
    const s = this.src;
    for (let i = 0; i <= s.length; i++) {
      const a = this.post.get(i);
      if (a !== undefined) out += a;
      const b = this.pre.get(i);
      if (b !== undefined) out += b;
      if (i < s.length && this.del[i] === 0) out += s[i];
    }
    return out;
  }
}

function children(n: N): N[] {
  const out: N[] = [];
  for (const key in n) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const v = n[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') out.push(c as N);
    } else if (v && typeof v === 'object' && typeof v.type === 'string') out.push(v as N);
  }
  return out;
}

/** What a function's own body (nested arrows included, nested functions not) refers to. */
function scan(fn: N): { newTarget: boolean; args: boolean; sup: boolean; self: boolean } {
  const found = { newTarget: false, args: false, sup: false, self: false };
  const walk = (n: N): void => {
    if (n.type === 'MetaProperty' && n.meta?.name === 'new') found.newTarget = true;
    else if (n.type === 'Super') found.sup = true;
    else if (n.type === 'ThisExpression') found.self = true;
    else if (n.type === 'Identifier' && n.name === 'arguments') found.args = true;
    if (n !== fn && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression')) return;
    for (const c of children(n)) walk(c);
  };
  walk(fn);
  return found;
}

/** Can this function (expression/declaration/arrow, not a method) become resumable? */
function eligible(fn: N): boolean {
  if (fn.async || fn.generator) return false;
  const s = scan(fn);
  if (s.newTarget) return false;
  if (fn.type === 'ArrowFunctionExpression' && (s.args || s.sup)) return false;
  return true;
}

function eligibleMethod(m: N): boolean {
  const v = m.value as N;
  if (m.kind !== 'method' && m.kind !== 'init') return false;
  if (m.computed || v.type !== 'FunctionExpression' || v.async || v.generator) return false;
  if (m.key.type === 'PrivateIdentifier') return false;
  if (m.key.type !== 'Identifier' && m.key.type !== 'Literal') return false;
  return !scan(v).newTarget;
}

function keyName(key: N): string {
  return key.type === 'Identifier' ? (key.name as string) : String(key.value);
}

/** The name JavaScript would infer for an anonymous function at this place. */
function inferName(parent: N | null, fn: N): string | undefined {
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier')
    return parent.id.name;
  if (
    parent.type === 'AssignmentExpression' &&
    parent.right === fn &&
    parent.left.type === 'Identifier'
  )
    return parent.left.name;
  if (
    parent.type === 'AssignmentPattern' &&
    parent.right === fn &&
    parent.left.type === 'Identifier'
  )
    return parent.left.name;
  if (
    (parent.type === 'Property' || parent.type === 'PropertyDefinition') &&
    parent.value === fn &&
    !parent.computed &&
    (parent.key.type === 'Identifier' || parent.key.type === 'Literal')
  )
    return keyName(parent.key);
  if (parent.type === 'ExportDefaultDeclaration') return 'default';
  return undefined;
}

/** Index of the next non-space, non-comment character at or after `i`. */
function skipTrivia(s: string, i: number): number {
  for (;;) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (s.startsWith('//', i)) {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (s.startsWith('/*', i)) {
      const e = s.indexOf('*/', i + 2);
      i = e < 0 ? s.length : e + 2;
    } else return i;
  }
}

/**
 * Rewrites a JavaScript module so that its functions are resumable (see the file comment).
 * Throws the parser's SyntaxError for invalid input.
 */
export function transformGreen(
  js: string,
  fileName = 'module.js',
  options: GreenTransformOptions = {},
): { code: string } {
  // A SyntaxError from acorn carries `loc` ({ line, column }) and ends with "(line:column)".
  const ast = parse(js, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    preserveParens: true,
    allowHashBang: true,
  }) as unknown as N;
  const ed = new Edits(js);
  /** Function declarations to leave alone (in `switch` cases). */
  const plainDecls = new Set<N>();
  /** Function expressions to leave alone (`new function () {}`). */
  const plainExprs = new Set<N>();

  /** `G.l(f,f$green);` for the eligible function declarations directly in `stmts`. */
  const marks = (stmts: readonly N[]): string => {
    let text = '';
    for (let st of stmts) {
      if (st.type === 'ExportNamedDeclaration' || st.type === 'ExportDefaultDeclaration')
        st = st.declaration ?? st;
      if (st.type === 'FunctionDeclaration' && st.id && eligible(st) && !plainDecls.has(st)) {
        text += `${G}.l(${st.id.name},${st.id.name}${SUFFIX});`;
      }
    }
    return text;
  };

  const visitAll = (nodes: readonly N[], gen: boolean, parent: N): void => {
    for (const c of nodes) visit(c, gen, parent);
  };

  /** Params are evaluated before the generator body: calls there stay plain. */
  const visitFunctionInner = (fn: N, gen: boolean): void => {
    visitAll(fn.params as N[], false, fn);
    const body = fn.body as N;
    if (body.type === 'BlockStatement') {
      ed.before(body.start + 1, (gen ? `var ${TMP};` : '') + marks(body.body as N[]));
      visitAll(body.body as N[], gen, body);
    } else {
      visit(body, gen, fn);
    }
  };

  const handleFunction = (fn: N, parent: N | null): void => {
    const isDecl = fn.type === 'FunctionDeclaration';
    if (
      !eligible(fn) ||
      (isDecl && plainDecls.has(fn)) ||
      (fn.type === 'FunctionExpression' && plainExprs.has(fn))
    ) {
      if (fn.id) visit(fn.id, false, fn);
      visitFunctionInner(fn, false);
      return;
    }
    if (fn.type === 'ArrowFunctionExpression') {
      const params = fn.params as N[];
      const bare = params.length === 1 && params[0]!.start === fn.start;
      ed.before(fn.start, `${G}.w(function* ${bare ? '(' : ''}`);
      if (bare) ed.close(params[0]!.end, ')');
      const from = params.length > 0 ? params[params.length - 1]!.end : fn.start;
      const arrow = js.indexOf('=>', from);
      const block = fn.body.type === 'BlockStatement';
      ed.replace(arrow, arrow + 2, block ? '' : `{var ${TMP};return (`);
      const name = inferName(parent, fn);
      const self = scan(fn).self ? ',this' : '';
      ed.close(fn.end, `${block ? '' : ')}'},${JSON.stringify(name) ?? 'void 0'},true${self})`);
      visitFunctionInner(fn, true);
      return;
    }
    const star = fn.start + 'function'.length;
    if (isDecl && fn.id) {
      const name = fn.id.name as string;
      ed.before(fn.start, `function ${name}(){return ${G}.d(${name}${SUFFIX},this,arguments)}`);
      ed.before(star, '*');
      ed.replace(fn.id.start, fn.id.end, `${name}${SUFFIX}`);
    } else if (fn.id) {
      // A named function expression: inside, its name must be the wrapper, not the generator.
      const name = fn.id.name as string;
      ed.before(fn.start, `((${name})=>${name}=${G}.w(`);
      ed.before(star, '*');
      ed.replace(fn.id.start, fn.id.end, '');
      ed.close(fn.end, `,${JSON.stringify(name)},false))()`);
    } else {
      const name = inferName(parent, fn);
      ed.before(fn.start, `${G}.w(`);
      ed.before(star, '*');
      ed.close(fn.end, `,${JSON.stringify(name) ?? 'void 0'},false)`);
    }
    visitFunctionInner(fn, true);
  };

  /** A method whose value becomes a generator method (`*` before its key). */
  const handleMethod = (m: N): void => {
    ed.before(m.key.start, '*');
    visitFunctionInner(m.value as N, true);
  };

  const handleClass = (cls: N): void => {
    if (cls.id) visit(cls.id, false, cls);
    if (cls.superClass) visit(cls.superClass, false, cls);
    const proto: string[] = [];
    const statics: string[] = [];
    const members = cls.body.body as N[];
    for (const m of members) {
      if (m.type === 'MethodDefinition' && eligibleMethod(m)) {
        (m.static ? statics : proto).push(keyName(m.key));
      }
    }
    if (proto.length + statics.length > 0) {
      ed.before(
        cls.body.start + 1,
        `static{${G}.pc(this,${JSON.stringify(proto)},${JSON.stringify(statics)})}`,
      );
    }
    for (const m of members) {
      if (m.type === 'MethodDefinition' && eligibleMethod(m)) {
        handleMethod(m);
      } else {
        visit(m, false, cls.body);
      }
    }
  };

  const handleObject = (obj: N, gen: boolean): void => {
    const keys: string[] = [];
    for (const p of obj.properties as N[]) {
      if (p.type === 'Property' && p.method && eligibleMethod(p)) keys.push(keyName(p.key));
    }
    if (keys.length > 0) {
      ed.before(obj.start, `${G}.po(`);
      ed.close(obj.end, `,${JSON.stringify(keys)})`);
    }
    for (const p of obj.properties as N[]) {
      if (p.type === 'Property' && p.method && eligibleMethod(p)) {
        if (p.computed) visit(p.key, gen, p);
        handleMethod(p);
      } else {
        visit(p, gen, obj);
      }
    }
  };

  const handleCall = (call: N, gen: boolean): void => {
    const callee = call.callee as N;
    const args = call.arguments as N[];
    const plain =
      !gen ||
      call.optional ||
      callee.type === 'Super' ||
      (callee.type === 'Identifier' && callee.name === 'eval') ||
      (callee.type === 'ParenthesizedExpression' &&
        callee.expression.type === 'MemberExpression') ||
      (callee.type === 'MemberExpression' && callee.optional);
    if (plain) {
      visit(callee, gen, call);
      visitAll(args, gen, call);
      return;
    }
    const open = skipTrivia(js, callee.end);
    if (js[open] !== '(' || js[call.end - 1] !== ')') {
      visit(callee, gen, call);
      visitAll(args, gen, call);
      return;
    }
    const many = args.length > 3 || args.some((a) => a.type === 'SpreadElement');
    const arity = many ? 'n' : String(args.length);
    const sep = args.length === 0 ? (many ? ',[' : '') : many ? ',[' : ',';
    if (callee.type === 'MemberExpression') {
      const obj = callee.object as N;
      if (obj.type === 'Super') {
        ed.before(call.start, `(${G}.m${arity}(this,`);
      } else {
        ed.before(call.start, `(${G}.m${arity}(${TMP}=`);
        ed.close(obj.end, `,${TMP}`);
      }
      visit(obj, gen, callee);
      if (callee.computed) visit(callee.property, gen, callee);
    } else {
      ed.before(call.start, `(${G}.c${arity}(`);
      visit(callee, gen, call);
    }
    ed.replace(open, open + 1, sep);
    if (many) ed.close(call.end - 1, ']');
    ed.close(call.end, CALL_TAIL);
    visitAll(args, gen, call);
  };

  /** The spine of an optional chain stays plain; its arguments and computed keys do not. */
  const visitChain = (n: N, gen: boolean, parent: N): void => {
    if (n.type === 'CallExpression') {
      visitChain(n.callee, gen, n);
      visitAll(n.arguments as N[], gen, n);
    } else if (n.type === 'MemberExpression') {
      visitChain(n.object, gen, n);
      if (n.computed) visit(n.property, gen, n);
    } else if (n.type === 'ParenthesizedExpression') {
      visit(n, gen, parent);
    } else {
      visit(n, gen, parent);
    }
  };

  const visit = (n: N, gen: boolean, parent: N | null): void => {
    switch (n.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        handleFunction(n, parent);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        handleClass(n);
        return;
      case 'MethodDefinition':
        // A method that is not made resumable (getter, setter, constructor, async, computed…).
        if (n.computed) visit(n.key, false, n);
        visitFunctionInner(n.value as N, false);
        return;
      case 'Property':
        if (n.method || n.kind !== 'init') {
          if (n.computed) visit(n.key, gen, n);
          visitFunctionInner(n.value as N, false);
          return;
        }
        break;
      case 'PropertyDefinition':
      case 'StaticBlock':
        // Class members that are not made resumable: their code runs plain.
        for (const c of children(n)) visit(c, false, n);
        if (n.type === 'StaticBlock') ed.before(n.start + skipTo(n, '{') + 1, marks(n.body as N[]));
        return;
      case 'ObjectExpression':
        handleObject(n, gen);
        return;
      case 'CallExpression':
        handleCall(n, gen);
        return;
      case 'ChainExpression':
        visitChain(n.expression, gen, n);
        return;
      case 'NewExpression':
        if (n.callee.type === 'FunctionExpression') plainExprs.add(n.callee);
        break;
      case 'BlockStatement':
        ed.before(n.start + 1, marks(n.body as N[]));
        break;
      case 'SwitchCase':
        for (const st of n.consequent as N[])
          if (st.type === 'FunctionDeclaration') plainDecls.add(st);
        break;
      case 'TaggedTemplateExpression':
        // The tag is called plainly; expressions inside the template are visited below.
        break;
    }
    for (const c of children(n)) visit(c, gen, n);
  };

  /** Offset of the first `ch` in node `n`'s text (for `static {`). */
  function skipTo(n: N, ch: string): number {
    return js.slice(n.start, n.end).indexOf(ch);
  }

  const program = ast.body as N[];
  // After a hashbang line, if any (it must stay first).
  const top = js.startsWith('#!') ? js.indexOf('\n') + 1 : 0;
  ed.before(top, (options.prelude ?? DEFAULT_PRELUDE) + marks(program));
  visitAll(program, false, ast);
  const code = ed.apply();
  if (code.split('\n').length !== js.split('\n').length) {
    throw new Error(`green transform changed the line count of ${fileName}`);
  }
  return { code };
}
