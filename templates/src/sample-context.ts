import { DEFAULT_LOCALE } from './locales.js';
import { MERGE_FIELDS } from './merge-fields.js';
import type { Locale, MergeContext } from './types.js';

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

function cloneSample(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}

export interface SampleContextOptions {
  /** Defaults to the catalogue's fixed sample date, so previews and tests are stable. */
  now?: Date;
  /** Add the sample unsubscribe and tracking links (off by default: injected links are shown only when real). */
  withLinks?: boolean;
}

/** A complete merge context filled with the catalogue's sample values in the given language. */
export function buildSampleContext(
  locale: Locale = DEFAULT_LOCALE,
  { now, withLinks = false }: SampleContextOptions = {},
): MergeContext {
  const context: Record<string, unknown> = { contact: { customFields: {} } };
  for (const descriptor of MERGE_FIELDS) {
    if (descriptor.group === 'links' && !withLinks) continue;
    const sample = descriptor.localizedSample?.[locale] ?? descriptor.sample;
    setPath(context, descriptor.path, cloneSample(sample));
  }
  context.now = now ?? new Date(String(context.now));
  return context as unknown as MergeContext;
}
