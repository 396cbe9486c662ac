import { compileTemplate, type CompiledTemplate, type RenderOptions } from './compile.js';
import type { MergeContext, RenderedMessage, TemplateSource } from './types.js';

const compiledSources = new WeakMap<TemplateSource, CompiledTemplate>();

function isCompiled(template: CompiledTemplate | TemplateSource): template is CompiledTemplate {
  return typeof (template as CompiledTemplate).render === 'function';
}

/** Compiles a source on first use (cached per source object) and renders it for one recipient. */
export function renderTemplate(
  template: CompiledTemplate | TemplateSource,
  context: MergeContext,
  options?: RenderOptions,
): RenderedMessage {
  if (isCompiled(template)) return template.render(context, options);
  let compiled = compiledSources.get(template);
  if (!compiled) {
    compiled = compileTemplate(template);
    compiledSources.set(template, compiled);
  }
  return compiled.render(context, options);
}
