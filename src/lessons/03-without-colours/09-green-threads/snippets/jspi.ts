// @runtime browser
// @normalize /JSPI: (un)?available[\s\S]*/ -> JSPI: (whether this runtime has it)
// WebAssembly JSPI: real stack switching, for WebAssembly frames only.
// The module is assembled by hand below (no compiler), so the snippet
// needs nothing but the browser's or Node's own WebAssembly.

// #region wasm
// (import "env" "get" (func (param i32) (result i32)))   ;; 0
// (import "env" "middle" (func (result i32)))            ;; 1
// (func (export "sum") (param i32) (result i32)          ;; 2
//   get(x) + get(x + 1))
// (func (export "viaJs") (result i32) middle())          ;; 3
// (func (export "leaf") (result i32) get(7))             ;; 4
const str = (s: string) => [
  s.length,
  ...[...s].map((c) => c.charCodeAt(0)),
];
const section = (id: number, body: number[]) => [
  id,
  body.length,
  ...body,
];
const vec = (items: number[][]) => [items.length, ...items.flat()];
const I32 = 0x7f;
const GET = 0x20; // local.get
const CALL = 0x10;
const CONST = 0x41; // i32.const
const ADD = 0x6a; // i32.add
const END = 0x0b;
const bytes = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0], // "\0asm", version 1
  ...section(
    1,
    vec([
      [0x60, 1, I32, 1, I32],
      [0x60, 0, 1, I32],
    ]),
  ),
  ...section(
    2,
    vec([
      [...str('env'), ...str('get'), 0, 0],
      [...str('env'), ...str('middle'), 0, 1],
    ]),
  ),
  ...section(3, vec([[0], [1], [1]])),
  ...section(
    7,
    vec([
      [...str('sum'), 0, 2],
      [...str('viaJs'), 0, 3],
      [...str('leaf'), 0, 4],
    ]),
  ),
  ...section(
    10,
    vec([
      [
        14,
        0,
        GET,
        0,
        CALL,
        0,
        GET,
        0,
        CONST,
        1,
        ADD,
        CALL,
        0,
        ADD,
        END,
      ],
      [4, 0, CALL, 1, END],
      [6, 0, CONST, 7, CALL, 0, END],
    ]),
  ),
]);
// #endregion

// The JSPI API is too new for TypeScript's DOM library: describe it here.
interface JspiApi {
  Suspending: new (f: (x: number) => Promise<number>) => object;
  promising: (f: unknown) => (...args: number[]) => Promise<number>;
}
const wasm = WebAssembly as unknown as Partial<JspiApi>;

// #region detect
const jspi =
  typeof wasm.Suspending === 'function' &&
  typeof wasm.promising === 'function'
    ? (wasm as JspiApi)
    : null;
console.log(
  `JSPI: ${jspi ? 'available' : 'unavailable in this runtime'}`,
);
// #endregion

if (jspi) {
  const { Suspending, promising } = jspi;
  // #region demo
  // An async JavaScript function, imported so that wasm may wait on it.
  const get = new Suspending(async (x: number) => {
    console.log(`  JS: get(${x}) starts a request`);
    await Promise.resolve(); // the "network"
    return x * 10;
  });
  let leaf: () => number = () => 0;
  const middle = () => leaf(); // a plain JS frame between two wasm frames
  const { instance } = await WebAssembly.instantiate(bytes, {
    env: { get, middle } as unknown as WebAssembly.ModuleImports,
  });
  const ex = instance.exports as Record<string, () => number>;
  leaf = ex['leaf']!;

  // #region slide-promising
  const sum = promising(ex['sum']); // runs `sum` on a stack of its own
  const p = sum(1);
  console.log(
    'sum(1) handed back a',
    p instanceof Promise ? 'Promise' : '?',
  );
  console.log(
    '  ...and the wasm frame of sum waits inside its first get',
  );
  // #endregion
  console.log('sum(1) =', await p); // 10 + 20
  // #endregion

  // #region js-frame
  try {
    await promising(ex['viaJs'])(); // wasm -> JS middle -> wasm leaf -> get
  } catch (e) {
    console.log(`viaJs: ${(e as Error).name}: ${(e as Error).message}`);
  }
  // #endregion
}
