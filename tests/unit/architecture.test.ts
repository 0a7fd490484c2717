import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  INLINE_SCRIPT_HASHES,
  SERVICE_WORKER_PATH,
  documentCsp,
  serviceWorkerHeaders,
  siteHeaders,
} from '../../src/course/headers.ts';
import {
  LAYERS,
  checkLayers,
  missingPaths,
  platformUses,
  sourceFiles,
  valueCycles,
  type ImportMap,
} from './layering.ts';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  imports: ImportMap;
};
const scan = checkLayers(root, ['src', 'scripts', 'tests', '.'], pkg.imports);

describe('layering (the table in tests/unit/layering.ts)', () => {
  it('every import in src/, scripts/ and tests/ follows the table', () => {
    expect(scan.violations.map((v) => v.message)).toEqual([]);
  });

  it('imports that load code (all but type-only and ?raw) form no cycle among modules of src/', () => {
    expect(valueCycles(scan)).toEqual([]);
  });

  it('src/kit and src/lib use no DOM, no Node built-ins and no nondeterminism', () => {
    const offenders = sourceFiles(root, ['src/kit', 'src/lib'])
      .filter((f) => !/\.test\.ts$|\.test-support\.ts$/.test(f))
      .flatMap((f) =>
        platformUses(readFileSync(resolve(root, f), 'utf8')).map(
          (u) => `${f}:${u.line}: ${u.name}`,
        ),
      );
    expect(offenders).toEqual([]);
  });
});

describe('ARCHITECTURE.md', () => {
  it('names only files that exist', () => {
    const text = readFileSync(resolve(root, 'ARCHITECTURE.md'), 'utf8');
    expect(missingPaths(text, root)).toEqual([]);
  });

  it('shows every layer of the table', () => {
    const text = readFileSync(resolve(root, 'ARCHITECTURE.md'), 'utf8');
    const absent = LAYERS.map((l) => l.name).filter((name) => !text.includes(`\`${name}\``));
    expect(absent).toEqual([]);
  });
});

describe('hosting headers', () => {
  type Headers = Record<string, string>;

  /** The rules of a Netlify/Cloudflare `_headers` file: path → its headers. */
  function netlifyRules(text: string): Record<string, Headers> {
    const rules: Record<string, Headers> = {};
    let current: Headers | undefined;
    for (const line of text.split('\n')) {
      if (/^\s*(#|$)/.test(line)) continue;
      if (!/^\s/.test(line)) {
        const path = line.trim();
        expect(rules, `rule ${path} twice`).not.toHaveProperty(path);
        current = rules[path] = {};
        continue;
      }
      const m = /^\s+([\w-]+):\s*(.*?)\s*$/.exec(line);
      expect(m, `not a header line: ${line}`).not.toBeNull();
      expect(current, `a header before any rule: ${line}`).toBeDefined();
      expect(current, `${m![1]} twice`).not.toHaveProperty(m![1]!);
      current![m![1]!] = m![2]!;
    }
    return rules;
  }

  it('public/_headers sends exactly the headers of src/course/headers.ts to every path', () => {
    const rules = netlifyRules(readFileSync(resolve(root, 'public/_headers'), 'utf8'));
    // Every path gets the site's headers; the service worker's script also gets its own
    // (Netlify combines the headers of every rule a path matches).
    expect(Object.keys(rules)).toEqual(['/*', SERVICE_WORKER_PATH]);
    expect(rules['/*']).toEqual(siteHeaders);
    expect(rules[SERVICE_WORKER_PATH]).toEqual(serviceWorkerHeaders);
  });

  it('vercel.json sends exactly the headers of src/course/headers.ts to every path', () => {
    const vercel = JSON.parse(readFileSync(resolve(root, 'vercel.json'), 'utf8')) as {
      headers: { source: string; headers: { key: string; value: string }[] }[];
    };
    expect(vercel.headers.map((r) => r.source)).toEqual(['/(.*)', SERVICE_WORKER_PATH]);
    const sent = vercel.headers[0]!.headers;
    expect(Object.fromEntries(sent.map((h) => [h.key, h.value]))).toEqual(siteHeaders);
    expect(sent).toHaveLength(Object.keys(siteHeaders).length);
    const sw = vercel.headers[1]!.headers;
    expect(Object.fromEntries(sw.map((h) => [h.key, h.value]))).toEqual(serviceWorkerHeaders);
  });

  it('the dev/preview server sends them, and built pages get the document policy', async () => {
    const config = (await import('../../astro.config.mjs')).default as {
      server: { headers: Headers };
      security: { csp: unknown };
    };
    expect(config.server.headers).toEqual(siteHeaders);
    expect(config.security.csp).toEqual(documentCsp);
    // Importing the config loads Astro and its integrations: seconds on a busy machine.
  }, 30_000);

  it('scripts/serve.ts (the browser tests) sends them on pages, scripts and 404s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'serve-headers-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, '404.html'), '<!doctype html><title>404</title>');
    writeFileSync(join(dir, 'w.js'), 'postMessage(1);');
    const server = spawn(
      process.execPath,
      [resolve(root, 'scripts/serve.ts'), '--dir', dir, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const port = await new Promise<string>((done, fail) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /localhost:(\d+)/.exec(out);
          if (m) done(m[1]!);
        });
        server.on('exit', (code) => fail(new Error(`serve.ts exited with ${code}`)));
      });
      for (const path of ['/', '/w.js', '/missing/']) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        await res.arrayBuffer();
        const got = Object.fromEntries(
          Object.keys(siteHeaders).map((k) => [k, res.headers.get(k)]),
        );
        expect(got, path).toEqual(siteHeaders);
      }
    } finally {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the policy allows every executable inline script of the site, and no other hash', () => {
    const found = new Map<string, string>();
    for (const file of sourceFiles(root, ['src']).filter((f) => f.endsWith('.astro'))) {
      const text = readFileSync(resolve(root, file), 'utf8');
      for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        const attrs = m[1]!;
        if (!/\bis:inline\b/.test(attrs)) continue; // bundled by Astro into a same-origin file
        const type = /\btype="([^"]*)"/.exec(attrs)?.[1];
        if (type && !/^(module|text\/javascript)$/.test(type)) continue; // data, not run
        expect(attrs, `${file}: set:html makes the text unknowable here`).not.toMatch(/set:html/);
        const hash = `sha256-${createHash('sha256').update(m[2]!, 'utf8').digest('base64')}`;
        found.set(hash, file);
      }
    }
    // A changed inline script: put its new hash (printed here) into INLINE_SCRIPT_HASHES.
    expect(Object.fromEntries([...found].sort())).toEqual(
      Object.fromEntries(
        [...INLINE_SCRIPT_HASHES].sort().map((h) => [h, found.get(h) ?? '(no such script)']),
      ),
    );
    const csp = siteHeaders['Content-Security-Policy']!;
    for (const hash of INLINE_SCRIPT_HASHES) expect(csp).toContain(`'${hash}'`);
  });

  it('the header policy has every directive the site relies on', () => {
    const csp = parsePolicy(siteHeaders['Content-Security-Policy']!);
    expect(csp['frame-ancestors']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['worker-src']).toEqual(["'self'", 'blob:']);
    expect(csp['frame-src']).toEqual(["'self'", 'https://stackblitz.com']);
    expect(csp['script-src']).not.toContain("'unsafe-inline'");
    expect(csp['script-src']).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    // Documents lose the worker-only sources through the <meta> policy.
    expect(documentCsp.scriptDirective.resources).not.toContain('blob:');
    expect(documentCsp.scriptDirective.resources).not.toContain("'unsafe-eval'");
  });
});

function parsePolicy(value: string): Record<string, string[]> {
  return Object.fromEntries(
    value
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}
