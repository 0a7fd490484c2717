// Types for tools.mjs, which stays plain JavaScript so that it runs on the Node that runs npm.
export declare const root: string;
export declare const cacheDir: string;
export declare const MIN_NODE: readonly [number, number];
export declare const NODE_PACKAGE: string;
export declare const CHROMIUM_PACKAGE: string;
export declare function nodeIsRecent(version: string): boolean;
export declare const privateNode: string;
export declare const chromiumRecord: string;
export declare function chromiumPath(
  env?: Readonly<Record<string, string | undefined>>,
): string | undefined;
