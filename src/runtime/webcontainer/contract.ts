/**
 * The part of `@webcontainer/api` the adapter uses, as structural types. The real WebContainer
 * satisfies them, and so does the test stand-in that runs real Node processes in a temp folder
 * (`fake-container.test-support.ts`), which is how the adapter's logic is tested without network.
 */

/** A file tree to mount: `{ 'a.js': { file: { contents } }, kit: { directory: {...} } }`. */
export interface FileTree {
  [name: string]: { file: { contents: string } } | { directory: FileTree };
}

/** A spawned process: stdout and stderr arrive merged in `output`, as in WebContainer. */
export interface ContainerProcess {
  readonly output: ReadableStream<string>;
  readonly exit: Promise<number>;
  kill(): void;
}

/** A booted container. */
export interface Container {
  mount(tree: FileTree): Promise<void>;
  spawn(
    command: string,
    args: string[],
    options?: { env?: Record<string, string> },
  ): Promise<ContainerProcess>;
  teardown(): void;
  readonly fs: {
    writeFile(path: string, contents: string): Promise<void>;
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
  };
}

/** `WebContainer` itself: only `boot`. */
export interface ContainerApi {
  boot(options: { coep: 'require-corp'; workdirName: string }): Promise<Container>;
}
