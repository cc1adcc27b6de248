/** Reordering a list with "move up" / "move down" buttons (the step-order drill). */

/** Moves the item at `index` by `delta` places (clamped); the same array when nothing moves. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): readonly T[] {
  if (index < 0 || index >= items.length) return items;
  const to = Math.max(0, Math.min(items.length - 1, index + delta));
  if (to === index) return items;
  const out = [...items];
  const [item] = out.splice(index, 1);
  if (item === undefined) return items;
  out.splice(to, 0, item);
  return out;
}
