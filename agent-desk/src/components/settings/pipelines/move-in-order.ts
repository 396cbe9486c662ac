/**
 * Moves the item at `from` one step up (-1) or down (+1) and returns the items whose `order` must change to keep the
 * list in that order (each gets its index): the screens PATCH only those.
 */
export function moveInOrder<T extends { id: string; order: number }>(
  items: T[],
  from: number,
  step: -1 | 1,
): Array<{ id: string; order: number }> {
  const to = from + step;
  if (to < 0 || to >= items.length) return [];
  const list = [...items];
  [list[from], list[to]] = [list[to], list[from]];
  return list.map((item, index) => ({ id: item.id, order: index })).filter((m, i) => list[i].order !== m.order);
}
