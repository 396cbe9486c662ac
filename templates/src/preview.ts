import { compileTemplate, TemplateCompileError, type RenderOptions } from './compile.js';
import { DEFAULT_LOCALE, resolveLocale } from './locales.js';
import { buildSampleContext } from './sample-context.js';
import type { MergeContext, RenderedMessage, TemplateIssue, TemplateSource } from './types.js';

export interface TemplatePreview extends Partial<RenderedMessage> {
  /** False when the template cannot be compiled; `issues` then say why and nothing is rendered. */
  ok: boolean;
  issues: TemplateIssue[];
}

/**
 * Renders a template for the editor: with the chosen contact's context, or with the catalogue's sample
 * values in the template's language. Never throws on a broken template; returns its issues instead.
 */
export function previewTemplate(
  template: TemplateSource,
  sampleContext?: MergeContext,
  options: RenderOptions = {},
): TemplatePreview {
  const locale =
    options.locale ??
    template.locale ??
    (sampleContext ? resolveLocale(sampleContext.contact?.language) : DEFAULT_LOCALE);
  try {
    const compiled = compileTemplate(template);
    const context = sampleContext ?? buildSampleContext(locale);
    return { ok: true, issues: [...compiled.warnings], ...compiled.render(context, { ...options, locale }) };
  } catch (error) {
    if (error instanceof TemplateCompileError) return { ok: false, issues: error.issues };
    throw error;
  }
}
