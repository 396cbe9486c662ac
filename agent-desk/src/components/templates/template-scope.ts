import type { MessageTemplate } from '@/api/templates-api';

export type TemplateScopeFilter = 'all' | 'general' | 'department' | 'pipeline' | 'service';
export const TEMPLATE_SCOPE_FILTERS: readonly TemplateScopeFilter[] = [
  'all',
  'general',
  'department',
  'pipeline',
  'service',
];

/** Does a template fit the scope filter: general ones have no department, pipeline or instrument. */
export function matchesScope(
  template: Pick<MessageTemplate, 'departmentId' | 'pipelineId' | 'service'>,
  scope: TemplateScopeFilter,
): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'general':
      return !template.departmentId && !template.pipelineId && !template.service;
    case 'department':
      return !!template.departmentId;
    case 'pipeline':
      return !!template.pipelineId;
    case 'service':
      return !!template.service;
  }
}

export function matchesText(template: Pick<MessageTemplate, 'name' | 'key'>, text: string): boolean {
  const q = text.trim().toLocaleLowerCase();
  return !q || template.name.toLocaleLowerCase().includes(q) || template.key.includes(q);
}

/** Inserts `{{path}}` at the caret (replacing a selection); returns the new text and where the caret goes. */
export function insertMergeField(
  text: string,
  path: string,
  selectionStart: number,
  selectionEnd = selectionStart,
): { text: string; caret: number } {
  const tag = `{{${path}}}`;
  const start = Math.max(0, Math.min(selectionStart, text.length));
  const end = Math.max(start, Math.min(selectionEnd, text.length));
  return { text: text.slice(0, start) + tag + text.slice(end), caret: start + tag.length };
}
