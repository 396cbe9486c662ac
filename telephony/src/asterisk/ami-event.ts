/**
 * One AMI event as a key/value map. Accepts both the wire spelling (`Linkedid`) and the
 * lower-cased keys asterisk-manager produces (`linkedid`), repeated keys as arrays, and
 * asterisk-manager's `variable: { NAME: '' }` object for VarSet.
 */
export type AmiEventValue = string | string[] | Record<string, string> | undefined;
export type AmiEvent = Record<string, AmiEventValue>;

/** First string value of a header, looked up case-insensitively. */
export function amiField(event: AmiEvent, name: string): string | undefined {
  const value = event[name] ?? event[name.toLowerCase()] ?? findCaseInsensitive(event, name);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value[0];
  return undefined;
}

function findCaseInsensitive(event: AmiEvent, name: string): AmiEventValue {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

export function amiEventName(event: AmiEvent): string | undefined {
  return amiField(event, 'Event');
}

/** VarSet `Variable`: a plain string on the wire, `{ NAME: '' }` from asterisk-manager. */
export function amiVariableName(event: AmiEvent): string | undefined {
  const value = event.Variable ?? event.variable;
  if (typeof value === 'string') return value;
  if (value && !Array.isArray(value)) return Object.keys(value)[0];
  return undefined;
}

/** Event time from `Timestamp` (timestampevents=yes), else the supplied clock. */
export function amiEventTime(event: AmiEvent, now: () => Date): Date {
  const timestamp = Number(amiField(event, 'Timestamp'));
  return Number.isFinite(timestamp) && timestamp > 0 ? new Date(timestamp * 1000) : now();
}

export function amiNumber(event: AmiEvent, name: string): number | undefined {
  const raw = amiField(event, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/** Non-empty string header or undefined. */
export function amiText(event: AmiEvent, name: string): string | undefined {
  const value = amiField(event, name)?.trim();
  return value ? value : undefined;
}
