/**
 * The item at an index the caller has just bounded (a loop over the array, a clamped index):
 * throws a RangeError instead of handing on `undefined` if that reasoning is ever wrong.
 */
export function itemAt<T>(items: readonly T[], index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= items.length)
    throw new RangeError(`index ${String(index)} is outside 0…${String(items.length - 1)}`);
  return items[index] as T;
}
