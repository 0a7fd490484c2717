/**
 * A port of the parts of Node's `util.inspect` that lesson programs use, so a program printed in
 * the browser worker matches its recording on Node character for character: quoting, `{ a: 1 }`
 * spacing, Node's 80-column line breaking (`compact: 3`), array grouping, Map/Set, classes,
 * depth limits and circular references. Unit tests compare it with the real `util.inspect`.
 */

interface Ctx {
  depth: number;
  seen: unknown[];
  circular: Map<unknown, number>;
  indentationLvl: number;
  currentDepth: number;
  /** Rewrites error stacks (blob URLs → the learner's file and line). */
  mapStack: (stack: string) => string;
}

const BREAK = 80;
const COMPACT = 3;
const MAX_ARRAY = 100;
const IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;

/** Options for {@link inspect}. */
export interface InspectOptions {
  readonly depth?: number;
  readonly mapStack?: (stack: string) => string;
}

/** Formats any value the way `util.inspect(value)` does with default options (no colours). */
export function inspect(value: unknown, options: InspectOptions = {}): string {
  const ctx: Ctx = {
    depth: options.depth ?? 2,
    seen: [],
    circular: new Map(),
    indentationLvl: 0,
    currentDepth: 0,
    mapStack: options.mapStack ?? ((s) => s),
  };
  return formatValue(ctx, value, 0);
}

/** Quotes a string as Node does: single quotes unless the string contains them. */
export function quote(s: string): string {
  let q = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) q = '"';
    else if (!s.includes('`') && !s.includes('${')) q = '`';
  }
  const escaped = s.replace(/[\\\n\t\r\b\f\v\x00-\x1f\x7f]/g, (c) => {
    const named: Record<string, string> = {
      '\\': '\\\\',
      '\n': '\\n',
      '\t': '\\t',
      '\r': '\\r',
      '\b': '\\b',
      '\f': '\\f',
    };
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
  });
  return q + (q === "'" ? escaped.replace(/'/g, "\\'") : escaped) + q;
}

function formatPrimitive(ctx: Ctx, value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      // Long strings are split after each newline, as Node does.
      if (value.length > 16 && value.length > BREAK - ctx.indentationLvl - 4) {
        return value
          .split(/(?<=\n)/)
          .map(quote)
          .join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`);
      }
      return quote(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
  }
  return value === null ? 'null' : undefined;
}

function formatValue(ctx: Ctx, value: unknown, recurseTimes: number): string {
  const primitive = formatPrimitive(ctx, value);
  if (primitive !== undefined) return primitive;
  const obj = value as object;
  if (ctx.seen.includes(obj)) {
    let index = ctx.circular.get(obj);
    if (index === undefined) {
      index = ctx.circular.size + 1;
      ctx.circular.set(obj, index);
    }
    return `[Circular *${index}]`;
  }
  return formatRaw(ctx, obj, recurseTimes);
}

function constructorName(obj: object): string | null {
  let proto: object | null = obj;
  while (proto !== null) {
    const desc = Object.getOwnPropertyDescriptor(proto, 'constructor');
    if (desc && typeof desc.value === 'function' && desc.value.name !== '') return desc.value.name;
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

function prefix(ctor: string | null, fallback: string, size = ''): string {
  if (ctor === null) return `[${fallback}${size}: null prototype] `;
  return `${ctor}${size} `;
}

function formatFunction(fn: (...args: never[]) => unknown): string {
  const source = Function.prototype.toString.call(fn);
  if (source.startsWith('class') && /^class\b/.test(source)) {
    const parent = Object.getPrototypeOf(fn) as { name?: string };
    const ext = parent && parent.name ? ` extends ${parent.name}` : '';
    return `[class ${fn.name || '(anonymous)'}${ext}]`;
  }
  const kind = Object.prototype.toString.call(fn).slice(8, -1);
  const type = kind === 'Function' ? 'Function' : kind;
  return `[${type}${fn.name ? `: ${fn.name}` : ' (anonymous)'}]`;
}

function formatError(ctx: Ctx, err: Error): string {
  const stack = err.stack ? ctx.mapStack(err.stack) : `[${String(err)}]`;
  const indent = ' '.repeat(ctx.indentationLvl);
  return indent ? stack.replace(/\n/g, `\n${indent}`) : stack;
}

type Formatter = (ctx: Ctx, value: never, recurseTimes: number) => string[];

const ARRAY = 1;
const OBJECT = 0;

function ownKeys(obj: object, skipIndices: boolean): PropertyKey[] {
  const keys: PropertyKey[] = Object.keys(obj);
  const symbols = Object.getOwnPropertySymbols(obj).filter(
    (s) => Object.getOwnPropertyDescriptor(obj, s)?.enumerable,
  );
  const strings = skipIndices ? keys.filter((k) => !/^(0|[1-9]\d*)$/.test(k as string)) : keys;
  return [...strings, ...symbols];
}

function formatRaw(ctx: Ctx, value: object, recurseTimes: number): string {
  const ctor = constructorName(value);
  let keys = ownKeys(value, Array.isArray(value) || ArrayBuffer.isView(value));
  let base = '';
  let braces: [string, string] = ['{', '}'];
  let formatter: Formatter = () => [];
  let extras = OBJECT;
  const empty = (open: string, close: string) => `${open}${close}`;
  if (Array.isArray(value)) {
    const p = ctor === 'Array' ? '' : prefix(ctor, 'Array', `(${value.length})`);
    braces = [`${p}[`, ']'];
    if (value.length === 0 && keys.length === 0) return empty(braces[0], ']');
    extras = ARRAY;
    formatter = formatArray as Formatter;
  } else if (value instanceof Set) {
    const p = prefix(ctor, 'Set', `(${value.size})`);
    if (value.size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, '}'];
    formatter = formatSet as Formatter;
  } else if (value instanceof Map) {
    const p = prefix(ctor, 'Map', `(${value.size})`);
    if (value.size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, '}'];
    formatter = formatMap as Formatter;
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const length = (value as unknown as ArrayLike<unknown>).length;
    const p = prefix(ctor, 'TypedArray', `(${length})`);
    braces = [`${p}[`, ']'];
    if (length === 0 && keys.length === 0) return empty(braces[0], ']');
    extras = ARRAY;
    formatter = formatArray as Formatter;
  } else if (typeof value === 'function') {
    base = formatFunction(value as (...args: never[]) => unknown);
    if (keys.length === 0) return base;
  } else if (value instanceof RegExp) {
    base = RegExp.prototype.toString.call(value);
    if (keys.length === 0) return base;
  } else if (value instanceof Date) {
    base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
    if (keys.length === 0) return base;
  } else if (value instanceof Error) {
    base = formatError(ctx, value);
    keys = keys.filter((k) => k !== 'stack' && k !== 'message');
    if (keys.length === 0) return base;
  } else if (value instanceof Promise) {
    braces = ['Promise {', '}'];
    formatter = () => ['<pending>'];
  } else if (value instanceof WeakMap || value instanceof WeakSet) {
    return `${prefix(ctor, 'Object')}{ <items unknown> }`;
  } else {
    const p = ctor === 'Object' ? '' : prefix(ctor, 'Object');
    if (keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, '}'];
  }
  if (recurseTimes > ctx.depth) {
    if (ctor === null) return prefix(ctor, 'Object').slice(0, -1);
    return `[${Array.isArray(value) ? 'Array' : ctor}]`;
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  const output = (formatter as (c: Ctx, v: object, r: number) => string[])(
    ctx,
    value,
    recurseTimes,
  );
  for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, OBJECT));
  ctx.seen.pop();
  const index = ctx.circular.get(value);
  if (index !== undefined) base = base === '' ? `<ref *${index}>` : `<ref *${index}> ${base}`;
  return reduceToSingleString(ctx, output, base, braces, extras, recurseTimes, value);
}

function formatProperty(
  ctx: Ctx,
  value: object,
  recurseTimes: number,
  key: PropertyKey,
  type: number,
): string {
  const desc = Object.getOwnPropertyDescriptor(value, key) ?? {
    value: (value as Record<PropertyKey, unknown>)[key],
  };
  let str: string;
  if (desc.value !== undefined) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  if (type === ARRAY) return str;
  const name =
    typeof key === 'symbol'
      ? key.toString()
      : IDENT.test(String(key))
        ? String(key)
        : quote(String(key));
  return `${name}: ${str}`;
}

function formatArray(ctx: Ctx, value: ArrayLike<unknown>, recurseTimes: number): string[] {
  const len = Math.min(MAX_ARRAY, value.length);
  const output: string[] = [];
  let holes = 0;
  const flushHoles = () => {
    if (holes > 0) output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
    holes = 0;
  };
  for (let i = 0; i < len; i++) {
    if (!Object.prototype.hasOwnProperty.call(value, i)) {
      holes++;
      continue;
    }
    flushHoles();
    output.push(formatProperty(ctx, value as object, recurseTimes, i, ARRAY));
  }
  flushHoles();
  const remaining = value.length - len;
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

function formatSet(ctx: Ctx, value: Set<unknown>, recurseTimes: number): string[] {
  const output: string[] = [];
  ctx.indentationLvl += 2;
  for (const v of value) {
    if (output.length >= MAX_ARRAY) break;
    output.push(formatValue(ctx, v, recurseTimes));
  }
  ctx.indentationLvl -= 2;
  const remaining = value.size - output.length;
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

function formatMap(ctx: Ctx, value: Map<unknown, unknown>, recurseTimes: number): string[] {
  const output: string[] = [];
  ctx.indentationLvl += 2;
  for (const [k, v] of value) {
    if (output.length >= MAX_ARRAY) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
  }
  ctx.indentationLvl -= 2;
  const remaining = value.size - output.length;
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

function isBelowBreakLength(output: string[], start: number, base: string): boolean {
  let total = output.length + start;
  if (total + output.length > BREAK) return false;
  for (const entry of output) {
    total += entry.length;
    if (total > BREAK) return false;
  }
  return base === '' || !base.includes('\n');
}

function reduceToSingleString(
  ctx: Ctx,
  output: string[],
  base: string,
  braces: [string, string],
  extras: number,
  recurseTimes: number,
  value: object,
): string {
  const entries = output.length;
  if (extras === ARRAY && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < COMPACT && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n'))
        return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

function groupArrayElements(ctx: Ctx, output: string[], value: object): string[] {
  let totalLength = 0;
  let maxLength = 0;
  let outputLength = output.length;
  if ((value as ArrayLike<unknown>).length > MAX_ARRAY) outputLength--;
  const separatorSpace = 2;
  const dataLen: number[] = [];
  for (let i = 0; i < outputLength; i++) {
    const len = output[i]!.length;
    dataLen.push(len);
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (
    actualMax * 3 + ctx.indentationLvl < BREAK &&
    (totalLength / actualMax > 5 || maxLength <= 6)
  ) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((BREAK - ctx.indentationLvl) / actualMax),
      COMPACT * 4,
      15,
    );
    if (columns <= 1) return output;
    const maxLineLength: number[] = [];
    for (let i = 0; i < columns; i++) {
      let lineLength = 0;
      for (let j = i; j < output.length; j += columns) {
        if (dataLen[j]! > lineLength) lineLength = dataLen[j]!;
      }
      maxLineLength.push(lineLength + separatorSpace);
    }
    const items = value as ArrayLike<unknown>;
    let numeric = true;
    for (let i = 0; i < output.length; i++) {
      if (typeof items[i] !== 'number' && typeof items[i] !== 'bigint') {
        numeric = false;
        break;
      }
    }
    const tmp: string[] = [];
    for (let i = 0; i < outputLength; i += columns) {
      const max = Math.min(i + columns, outputLength);
      let str = '';
      let j = i;
      for (; j < max - 1; j++) {
        const cell = `${output[j]}, `;
        str += numeric ? cell.padStart(maxLineLength[j - i]!) : cell.padEnd(maxLineLength[j - i]!);
      }
      str += numeric ? output[j]!.padStart(maxLineLength[j - i]! - separatorSpace) : output[j];
      tmp.push(str);
    }
    if ((value as ArrayLike<unknown>).length > MAX_ARRAY) tmp.push(output[outputLength]!);
    return tmp;
  }
  return output;
}
