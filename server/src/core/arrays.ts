// Array helpers for arrays of any length.

/**
 * Appends `items` to `target`. `target.push(...items)` passes every item as an argument, and past ~100,000 (a file
 * of 200,000 erroneous lines has that many diagnostics) that overflows the stack.
 */
export function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
