import { compileHandlebars, type RenderData, type TemplateFunction } from './handlebars-env.js';
import { htmlToPlainText } from './email/plain-text.js';
import { injectTrackingLinks } from './email/tracking-links.js';
import { resolveLocale } from './locales.js';
import { findMissingFields } from './missing-fields.js';
import { countSmsSegments } from './sms/segment-counter.js';
import { toGsmSafe } from './sms/gsm-transliteration.js';
import { inspectTemplate, type InspectOptions } from './template-inspection.js';
import type { Locale, MergeContext, RenderedMessage, TemplateIssue, TemplateSource } from './types.js';

export interface CompileOptions extends InspectOptions {
  /** Refuse templates that reference unknown merge fields (default: render them empty and report them). */
  strictFields?: boolean;
}

export interface RenderOptions {
  /** Overrides the template's locale for dates, money and injected link labels. */
  locale?: Locale;
  /** IANA zone for `formatDate`; default Europe/Chisinau. */
  timeZone?: string;
  /** SMS only: transliterate Romanian diacritics so the message is sent as cheaper GSM-7. */
  gsmSafe?: boolean;
}

export interface CompiledTemplate {
  readonly source: TemplateSource;
  /** Problems that do not stop rendering: unknown fields (rendered empty), MJML warnings. */
  readonly warnings: readonly TemplateIssue[];
  render(context: MergeContext, options?: RenderOptions): RenderedMessage;
}

/** Thrown by `compileTemplate` for a template that cannot be rendered safely; `issues` say where. */
export class TemplateCompileError extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    const first = issues[0];
    super(
      `Template cannot be compiled: ${first ? `${first.message}${first.line ? ` (${first.part}, line ${first.line})` : ` (${first.part})`}` : 'unknown error'}`,
    );
    this.name = 'TemplateCompileError';
  }
}

function isFatal(issue: TemplateIssue, strictFields: boolean): boolean {
  if (issue.severity !== 'error') return false;
  return issue.kind !== 'unknown-field' || strictFields;
}

/** Removes trailing spaces and runs of blank lines that block helpers leave behind in plain text. */
function tidyText(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Compiles once (MJML → HTML, then Handlebars); the returned renderer is cheap to call per recipient. */
export function compileTemplate(source: TemplateSource, options: CompileOptions = {}): CompiledTemplate {
  const inspection = inspectTemplate(source, options);
  const fatal = inspection.issues.filter((issue) => isFatal(issue, options.strictFields ?? false));
  if (fatal.length > 0) throw new TemplateCompileError(fatal);

  const escapesHtml = source.channel === 'email' && source.format !== 'text';
  const subjectFn: TemplateFunction | undefined =
    inspection.subject && compileHandlebars(inspection.subject.handlebarsSource, false);
  const bodyFn = compileHandlebars(inspection.body.handlebarsSource, escapesHtml);
  const analyses = [inspection.subject?.analysis, inspection.body.analysis];
  const printsUnsubscribe = analyses.some((analysis) =>
    analysis?.fields.some((ref) => ref.path === 'links.unsubscribeUrl' && ref.role !== 'condition'),
  );
  const warnings = inspection.issues.filter((issue) => !fatal.includes(issue));

  const render = (context: MergeContext, renderOptions: RenderOptions = {}): RenderedMessage => {
    const locale = renderOptions.locale ?? source.locale ?? resolveLocale(context.contact?.language);
    const data: RenderData = { locale, timeZone: renderOptions.timeZone };
    const run = (fn: TemplateFunction) => fn(context, { data });
    const missingFields = findMissingFields(analyses, context);
    const subject = subjectFn ? run(subjectFn).replace(/\s+/g, ' ').trim() : undefined;

    if (source.channel === 'email') {
      const body = run(bodyFn);
      const message = escapesHtml ? { html: body, text: htmlToPlainText(body) } : { text: tidyText(body) };
      const withLinks = injectTrackingLinks(message, context.links, locale, printsUnsubscribe);
      return { subject, ...withLinks, missingFields };
    }

    let text = tidyText(run(bodyFn));
    if (source.channel === 'sms') {
      if (renderOptions.gsmSafe) text = toGsmSafe(text);
      return { subject, text, missingFields, sms: countSmsSegments(text) };
    }
    return { subject, text, missingFields };
  };

  return { source, warnings, render };
}
