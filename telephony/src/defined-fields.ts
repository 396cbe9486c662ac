/** Copy of `value` without the keys whose value is undefined (events stay exact and JSON-stable). */
export function definedFields<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
