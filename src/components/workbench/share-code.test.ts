import { describe, expect, it } from 'vitest';
import {
  MAX_CODE_BYTES,
  MAX_PAYLOAD_CHARS,
  decodeCode,
  encodeCode,
  fromBase64Url,
  inflateCapped,
  parseShareHash,
  readSharedLink,
  shareHash,
  shareUrl,
  toBase64Url,
} from './share-code.ts';

const deflateRaw = async (bytes: Uint8Array): Promise<Uint8Array> =>
  new Uint8Array(
    await new Response(
      new Blob([bytes as Uint8Array<ArrayBuffer>])
        .stream()
        .pipeThrough(new CompressionStream('deflate-raw')),
    ).arrayBuffer(),
  );

const payloadOf = async (code: string) => {
  const out = await encodeCode(code);
  if (!out.ok) throw new Error(out.message);
  return out.value;
};

const ID = 'the-reactor/echo-server';
const here = (id: string) => id === ID;

describe('base64url', () => {
  it('round-trips every byte value, without padding or URL-unsafe characters', () => {
    const bytes = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => i % 256);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it('refuses characters outside the alphabet and impossible lengths', () => {
    expect(fromBase64Url('ab+c')).toBeUndefined();
    expect(fromBase64Url('ab/c')).toBeUndefined();
    expect(fromBase64Url('abc=d')).toBeUndefined();
    expect(fromBase64Url('abcde')).toBeUndefined(); // length % 4 === 1 cannot be base64
    expect(fromBase64Url('<script>')).toBeUndefined();
  });
});

describe('encodeCode / decodeCode', () => {
  it('round-trips a program exactly', async () => {
    const code = "// @runtime browser\nconsole.log('hi');\n\n\tindent\r\nend";
    const payload = await payloadOf(code);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeCode(payload)).toEqual({ ok: true, value: code });
  });

  it('round-trips unicode: accents, CJK, Cyrillic, emoji (astral), combining marks', async () => {
    const code = 'const s = "é 漢字 кириллица 😀👩‍💻 e\u0301";\nconsole.log(s);';
    expect(await decodeCode(await payloadOf(code))).toEqual({ ok: true, value: code });
  });

  it('compresses: a typical edited lesson program makes a short link', async () => {
    const code = Array.from(
      { length: 60 },
      (_, i) => `  await kernel.sleep(${i}); console.log('tick', ${i});`,
    ).join('\n');
    expect((await payloadOf(code)).length).toBeLessThan(code.length / 2);
  });

  it('keeps hostile text as text: </script>, HTML, quotes and NULs come back unchanged', async () => {
    const code = '</script><script>alert(1)</script><img src=x onerror=alert(2)> "\' \0 ${x}';
    const payload = await payloadOf(code);
    expect(payload).not.toMatch(/[<>"']/);
    expect(await decodeCode(payload)).toEqual({ ok: true, value: code });
  });

  it('refuses to encode code larger than the decompressed cap', async () => {
    const out = await encodeCode('x'.repeat(MAX_CODE_BYTES + 1));
    expect(out).toMatchObject({ ok: false, problem: 'too-long' });
  });

  it('refuses to encode code whose compressed payload passes the link cap', async () => {
    // Random-ish text does not compress: 190 KB of it passes 32 KB of base64 by far.
    let x = 2463534242; // xorshift32: incompressible enough
    const noise = Array.from({ length: 190 * 1024 }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return String.fromCharCode(33 + ((x >>> 0) % 90));
    }).join('');
    const out = await encodeCode(noise);
    expect(out).toMatchObject({ ok: false, problem: 'too-long' });
    if (!out.ok) expect(out.message).toMatch(/too long to share/);
  });

  it('refuses a payload longer than the cap before decoding it', async () => {
    const out = await decodeCode('A'.repeat(MAX_PAYLOAD_CHARS + 1));
    expect(out).toMatchObject({ ok: false, problem: 'too-long' });
  });

  it('calls corrupt base64 corrupt', async () => {
    for (const bad of ['', 'a', 'abc*def', 'ab cd', '%%%%', 'YQ==junk='])
      expect(await decodeCode(bad)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('calls corrupt deflate corrupt: garbage, a cut-short stream, trailing junk', async () => {
    const good = await deflateRaw(new TextEncoder().encode('console.log(1);\n'.repeat(40)));
    const garbage = toBase64Url(Uint8Array.from([0xff, 0xff, 0xff, 0x01, 0x02]));
    const cut = toBase64Url(good.subarray(0, good.length - 4));
    const junk = toBase64Url(Uint8Array.from([...good, 1, 2, 3]));
    for (const bad of [garbage, cut, junk])
      expect(await decodeCode(bad)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('calls bytes that are not UTF-8 corrupt', async () => {
    const payload = toBase64Url(await deflateRaw(Uint8Array.from([0x61, 0xc3, 0x28, 0xff])));
    expect(await decodeCode(payload)).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('stops a zip bomb at the decompressed cap while streaming', async () => {
    // 20 MB of zeros compresses to ~20 KB: well inside the link cap, a thousandfold expansion.
    const bomb = await deflateRaw(new Uint8Array(20 * 1024 * 1024));
    const payload = toBase64Url(bomb);
    expect(payload.length).toBeLessThanOrEqual(MAX_PAYLOAD_CHARS);
    expect(await decodeCode(payload)).toMatchObject({ ok: false, problem: 'too-long' });
    // And it stopped soon after the cap, not after inflating everything.
    const inflated = await inflateCapped(bomb, MAX_CODE_BYTES);
    expect(inflated).toMatchObject({ ok: false, problem: 'too-large' });
    if (!inflated.ok && inflated.problem === 'too-large')
      expect(inflated.seen).toBeLessThan(MAX_CODE_BYTES + 2 * 1024 * 1024);
  });

  it('accepts code right at the decompressed cap', async () => {
    const code = 'a'.repeat(MAX_CODE_BYTES);
    expect(await decodeCode(await payloadOf(code))).toEqual({ ok: true, value: code });
  });
});

describe('links', () => {
  it('builds a fragment link on the page, dropping any previous fragment', () => {
    expect(shareUrl('https://x.test/lessons/the-reactor/?a=1#intro', ID, 'abc')).toBe(
      'https://x.test/lessons/the-reactor/?a=1#share=the-reactor/echo-server:abc',
    );
    // From the slide deck (whose fragment is the slide number): the lesson page.
    expect(shareUrl('https://x.test/slides/the-reactor/?view=presenter#12', ID, 'abc')).toBe(
      'https://x.test/lessons/the-reactor/#share=the-reactor/echo-server:abc',
    );
    expect(shareHash(ID, 'p')).toBe('#share=the-reactor/echo-server:p');
  });

  it('reads a share fragment, and ignores ordinary anchors', () => {
    expect(parseShareHash('#share=the-reactor/echo-server:abc_-')).toEqual({
      ok: true,
      value: { id: ID, payload: 'abc_-' },
    });
    expect(parseShareHash('#the-loop')).toBeUndefined();
    expect(parseShareHash('')).toBeUndefined();
  });

  it('reads a link some app percent-encoded', () => {
    expect(parseShareHash('#share=the-reactor%2Fecho-server%3Aabc')).toMatchObject({
      ok: true,
      value: { id: ID, payload: 'abc' },
    });
  });

  it('refuses malformed fragments and hostile ids', () => {
    for (const bad of [
      '#share=',
      '#share=no-colon',
      '#share=:abc',
      '#share=the-reactor:abc', // no file part
      '#share=a/"]<script>:abc',
      '#share=../x/y:abc',
      '#share=%E0%A4%A:abc',
      `#share=${'a'.repeat(300)}/b:abc`,
    ])
      expect(parseShareHash(bad), bad).toMatchObject({ ok: false, problem: 'corrupt' });
  });

  it('reads a whole link: code for a snippet on the page', async () => {
    const code = 'console.log("shared");';
    const hash = new URL(shareUrl('https://x.test/l/', ID, await payloadOf(code))).hash;
    expect(await readSharedLink(hash, here)).toEqual({ kind: 'code', id: ID, code });
  });

  it('names a snippet that is not on the page', async () => {
    const hash = shareHash('the-reactor/gone', await payloadOf('x'));
    const out = await readSharedLink(hash, here);
    expect(out).toMatchObject({ kind: 'problem', problem: 'unknown-snippet' });
    expect(out).not.toHaveProperty('id');
  });

  it('reports a corrupt or oversized payload against its snippet', async () => {
    expect(await readSharedLink(shareHash(ID, '!!'), here)).toMatchObject({
      kind: 'problem',
      id: ID,
      problem: 'corrupt',
    });
    expect(
      await readSharedLink(shareHash(ID, 'A'.repeat(MAX_PAYLOAD_CHARS + 4)), here),
    ).toMatchObject({ kind: 'problem', id: ID, problem: 'too-long' });
  });

  it('does nothing for a page opened without a share link', async () => {
    expect(await readSharedLink('#some-heading', here)).toEqual({ kind: 'none' });
  });
});
