// Kit programs' traces for the timeline's unit tests (only tests import this file).
import { kernelsCreated, recordKernels } from '../../kit/registry.ts';
import { deadlockWaits, traceMessage } from '../worker/protocol.ts';
import type { KernelTrace } from '../types.ts';

/** What the worker sends for the kernels created by `program`, and what `program` returned. */
export function traced<R>(program: () => R): { kernels: KernelTrace[]; result: R | undefined } {
  recordKernels(true);
  let error: unknown;
  let result: R | undefined;
  try {
    result = program();
  } catch (e) {
    error = e;
  }
  const m = traceMessage(kernelsCreated(), 0, true, deadlockWaits(error));
  recordKernels(false);
  return { kernels: m ? [...m.kernels] : [], result };
}
