import type { TemplateAnalysis } from './template-analysis.js';

function valueAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, part))
      return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Fields printed or passed to a helper that have no value in this context. Fields guarded by an
 * enclosing `{{#if}}`/`{{#with}}` or used as the first argument of `default` are optional and not listed.
 */
export function findMissingFields(analyses: (TemplateAnalysis | undefined)[], context: unknown): string[] {
  const missing = new Set<string>();
  for (const analysis of analyses) {
    for (const ref of analysis?.fields ?? []) {
      if (ref.role === 'condition' || ref.guarded) continue;
      if (isBlank(valueAt(context, ref.path))) missing.add(ref.path);
    }
  }
  return [...missing];
}
