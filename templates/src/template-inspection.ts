import { BLOCK_ONLY_HELPERS, KNOWN_HELPERS, handlebars } from './handlebars-env.js';
import { findMergeField, isKnownFieldPath, type FieldCheckOptions } from './merge-fields.js';
import { compileMjml } from './mjml-compiler.js';
import { analyseTemplate, type TemplateAnalysis } from './template-analysis.js';
import type { TemplateIssue, TemplateSource } from './types.js';

export type InspectOptions = FieldCheckOptions;

export interface PartInspection {
  analysis?: TemplateAnalysis;
  /** Handlebars source to compile: the author's text, or MJML already turned into HTML. */
  handlebarsSource: string;
}

export interface TemplateInspection {
  issues: TemplateIssue[];
  subject?: PartInspection;
  body: PartInspection;
}

type Part = TemplateIssue['part'];

function syntaxIssue(error: unknown, part: Part): TemplateIssue {
  const err = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(err.message ?? error);
  const line = err.lineNumber ?? Number(/on line (\d+)/.exec(message)?.[1] ?? NaN);
  return {
    kind: 'syntax',
    severity: 'error',
    part,
    message: message.split('\n')[0] + (message.includes('Expecting') ? ` — ${message.split('\n').at(-1)}` : ''),
    line: Number.isFinite(line) ? line : undefined,
    column: typeof err.column === 'number' ? err.column + 1 : undefined,
  };
}

function issuesOf(
  analysis: TemplateAnalysis,
  part: Part,
  escapesHtml: boolean,
  options: InspectOptions,
): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const seen = new Set<string>();
  for (const ref of analysis.fields) {
    if (isKnownFieldPath(ref.path, options) || seen.has(ref.path)) continue;
    seen.add(ref.path);
    issues.push({
      kind: 'unknown-field',
      severity: 'error',
      part,
      name: ref.path,
      line: ref.line,
      column: ref.column,
      message: `Unknown merge field "${ref.path}"`,
    });
  }
  for (const helper of analysis.helpers) {
    if (!KNOWN_HELPERS.has(helper.name)) {
      issues.push({
        kind: 'unknown-helper',
        severity: 'error',
        part,
        name: helper.name,
        line: helper.line,
        column: helper.column,
        message: `Unknown helper "${helper.name}"`,
      });
    } else if (!helper.block && BLOCK_ONLY_HELPERS.includes(helper.name)) {
      issues.push({
        kind: 'unknown-helper',
        severity: 'error',
        part,
        name: helper.name,
        line: helper.line,
        column: helper.column,
        message: `"${helper.name}" is a block helper: write {{#${helper.name} …}}…{{/${helper.name}}}`,
      });
    }
  }
  if (escapesHtml) {
    for (const raw of analysis.rawOutputs) {
      if (raw.name && findMergeField(raw.name)?.trustedHtml) continue;
      issues.push({
        kind: 'unsafe-raw-output',
        severity: 'error',
        part,
        name: raw.name,
        line: raw.line,
        column: raw.column,
        message: `${raw.message} would print unescaped HTML; use {{${raw.name ?? ''}}} (only trusted HTML fields such as consultant.signatureHtml may use {{{ }}})`,
      });
    }
  }
  for (const finding of analysis.unsupported)
    issues.push({
      kind: 'unsupported',
      severity: 'error',
      part,
      line: finding.line,
      column: finding.column,
      message: finding.message,
    });
  return issues;
}

function inspectPart(
  source: string,
  part: Part,
  escapesHtml: boolean,
  options: InspectOptions,
): { inspection: PartInspection; issues: TemplateIssue[] } {
  try {
    const analysis = analyseTemplate(handlebars.parse(source));
    return {
      inspection: { analysis, handlebarsSource: source },
      issues: issuesOf(analysis, part, escapesHtml, options),
    };
  } catch (error) {
    return { inspection: { handlebarsSource: source }, issues: [syntaxIssue(error, part)] };
  }
}

function structureIssues(template: TemplateSource): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  if (template.channel !== 'email' && template.format !== 'text') {
    issues.push({
      kind: 'unsupported',
      severity: 'error',
      part: 'body',
      message: `${template.channel} templates are plain text: use format "text"`,
    });
  }
  if (template.channel === 'email' && !template.subject?.trim()) {
    issues.push({
      kind: 'unsupported',
      severity: 'error',
      part: 'subject',
      message: 'An e-mail template needs a subject',
    });
  }
  return issues;
}

/** Parses, analyses and (for MJML) pre-compiles a template, collecting every problem for the editor. */
export function inspectTemplate(template: TemplateSource, options: InspectOptions = {}): TemplateInspection {
  const issues = structureIssues(template);
  const escapesHtml = template.channel === 'email' && template.format !== 'text';
  let subject: PartInspection | undefined;
  if (template.subject !== undefined) {
    const inspected = inspectPart(template.subject, 'subject', false, options);
    subject = inspected.inspection;
    issues.push(...inspected.issues);
  }
  const inspected = inspectPart(template.body, 'body', escapesHtml, options);
  const body = inspected.inspection;
  issues.push(...inspected.issues);
  if (template.format === 'mjml' && body.analysis) {
    const compiled = compileMjml(template.body);
    for (const issue of compiled.issues) {
      issues.push({
        kind: 'mjml',
        severity: issue.fatal ? 'error' : 'warning',
        part: 'body',
        line: issue.line,
        message: issue.message,
      });
    }
    body.handlebarsSource = compiled.html;
  }
  return { issues, subject, body };
}

/** Unknown fields, unknown helpers, unsafe raw output, syntax and MJML errors, with 1-based line numbers. */
export function validateTemplate(template: TemplateSource, options: InspectOptions = {}): TemplateIssue[] {
  return inspectTemplate(template, options).issues;
}
