import { formatWithOptions } from 'node-inspect-extracted';
import { nodeOptions, teachUrls, withMappedStacks, type InspectOptions } from './inspect.ts';

/**
 * `util.format` as `console.log` uses it, from Node's own implementation (`node-inspect-extracted`):
 * printf-style `%s %d %i %f %j %o %O %c %%` in a leading string, then every other argument
 * separated by a space, strings as they are and anything else through `util.inspect`. Error
 * stacks among the arguments are rewritten by `options.mapStack` (see `./inspect.ts`).
 */
export function format(args: readonly unknown[], options: InspectOptions = {}): string {
  teachUrls();
  return withMappedStacks(args, options, () => formatWithOptions(nodeOptions(options), ...args));
}
