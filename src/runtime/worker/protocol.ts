import type { LineMappings } from '../source-map.ts';
import type { OutputLine, SourcePosition } from '../types.ts';

/** One transpiled module as sent to the worker. */
export interface WorkerModule {
  readonly file: string;
  readonly code: string;
  readonly mappings: LineMappings;
}

/** Page → worker: the only message; a worker runs exactly one program and is then terminated. */
export interface StartMessage {
  readonly type: 'start';
  readonly modules: readonly WorkerModule[];
  readonly entry: string;
}

/** Worker → page. `done` comes last and carries the exit status. */
export type WorkerMessage =
  | { readonly type: 'output'; readonly lines: OutputLine[]; readonly dropped: number }
  | {
      readonly type: 'error';
      readonly kind: 'uncaught' | 'rejection' | 'syntax';
      readonly message: string;
      readonly position?: SourcePosition;
    }
  | { readonly type: 'done'; readonly code: number };
