// Test-only: a stand-in for `@webcontainer/api` at the boundary the adapter uses, built on real
// Node processes in a temp folder, so the adapter's logic is tested end to end without network.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Container, ContainerApi, ContainerProcess, FileTree } from './contract.ts';

function writeTree(dir: string, tree: FileTree): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, node] of Object.entries(tree)) {
    if ('directory' in node) writeTree(join(dir, name), node.directory);
    else writeFileSync(join(dir, name), node.file.contents);
  }
}

/** A container whose `node` is this machine's Node, working in a fresh temp folder. */
export class FakeContainer implements Container {
  readonly dir = mkdtempSync(join(tmpdir(), 'fake-webcontainer-'));
  readonly spawned: string[][] = [];
  tornDown = false;

  async mount(tree: FileTree): Promise<void> {
    writeTree(this.dir, tree);
  }

  async spawn(
    command: string,
    args: string[],
    options: { env?: Record<string, string> } = {},
  ): Promise<ContainerProcess> {
    if (command !== 'node') throw new Error(`the stand-in only runs node, not ${command}`);
    this.spawned.push(args);
    const child = spawn(process.execPath, args, {
      cwd: this.dir,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Merged like WebContainer's terminal output.
    const output = new ReadableStream<string>({
      start(controller) {
        let open = 2;
        const close = () => --open === 0 && controller.close();
        for (const s of [child.stdout, child.stderr]) {
          s.setEncoding('utf8').on('data', (d: string) =>
            controller.enqueue(d.replace(/\n/g, '\r\n')),
          );
          s.on('end', close);
        }
      },
    });
    const exit = new Promise<number>((resolve) =>
      child.on('close', (code) => resolve(code ?? 137)),
    );
    return { output, exit, kill: () => child.kill('SIGKILL') };
  }

  teardown(): void {
    this.tornDown = true;
    rmSync(this.dir, { recursive: true, force: true });
  }

  readonly fs = {
    writeFile: async (path: string, contents: string) => {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), contents);
    },
    readFile: async (path: string) => readFileSync(join(this.dir, path), 'utf8'),
    rm: async (path: string, options?: { recursive?: boolean; force?: boolean }) =>
      rmSync(join(this.dir, path), options),
  };
}

/** `WebContainer` stand-in: `boot` resolves with a {@link FakeContainer}, or never (offline). */
export function fakeApi(
  mode: 'ok' | 'hang' = 'ok',
): ContainerApi & { containers: FakeContainer[]; boots: number } {
  const api = {
    containers: [] as FakeContainer[],
    boots: 0,
    boot: async () => {
      api.boots++;
      if (mode === 'hang') return new Promise<never>(() => {});
      const c = new FakeContainer();
      api.containers.push(c);
      return c;
    },
  };
  return api;
}
