/**
 * Keeping numbers small for V8. A number that is an integer of at most 31 bits is kept by V8 as
 * a "small integer" (Smi), stored in an object field or an array slot as is. A number that V8
 * computed in floating point (read from a `Float64Array`, or returned by `Math.round`) is a
 * double even when its value is a whole number, and storing a double in an object field
 * allocates a heap number for it: one small object per store. The kit's clock (integer ns) is
 * read from the event queue's `Float64Array`s and advanced on every system call, so without care
 * every tick of the clock, every deadline and every recorded time was such an allocation.
 */

/**
 * `x`, the same value, but an integer that fits in 32 bits comes back through `x | 0`, which V8
 * represents as a Smi; any other number comes back as it is. (`-0` comes back as `0`: no time,
 * count or size the kit keeps can tell them apart.)
 */
export function asSmi(x: number): number {
  return (x | 0) === x ? x | 0 : x;
}
