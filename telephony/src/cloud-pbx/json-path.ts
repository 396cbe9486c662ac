/** Reads `call.agents[0].ext` / `call.agents.0.ext` from parsed JSON; undefined when any step is missing. */
export function readJsonPath(document: unknown, path: string): unknown {
  const steps = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let current: unknown = document;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

export function readJsonText(document: unknown, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const value = readJsonPath(document, path);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readJsonNumber(document: unknown, path: string | undefined): number | undefined {
  const text = readJsonText(document, path);
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) ? value : undefined;
}

/** A list of strings from a JSON array or a comma-separated string. */
export function readJsonTextList(document: unknown, path: string | undefined): string[] | undefined {
  if (!path) return undefined;
  const value = readJsonPath(document, path);
  const items = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  const cleaned = items.map((item) => item.trim()).filter(Boolean);
  return cleaned.length ? cleaned : undefined;
}
