/** Removes keys whose value is undefined, so parsed objects compare cleanly and serialise small. */
export function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
