import { mjml2html, type MjmlResult } from './mjml-binding.js';

/** MJML tags whose content MJML copies verbatim; a mustache there survives where it stands. */
const ENDING_TAGS = new Set([
  'mj-text',
  'mj-button',
  'mj-raw',
  'mj-table',
  'mj-navbar-link',
  'mj-accordion-title',
  'mj-accordion-text',
  'mj-social-element',
  'mj-title',
  'mj-preview',
  'mj-style',
]);

const MUSTACHE = /\{\{\{[\s\S]*?\}\}\}|\{\{!--[\s\S]*?--\}\}|\{\{[\s\S]*?\}\}/g;
const PLACEHOLDER = /HBSPH(\d+)HBSPH/g;
const TOKEN =
  /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>|HBSPH(\d+)HBSPH/g;

export interface MjmlIssue {
  message: string;
  line?: number;
  fatal: boolean;
}

export interface MjmlCompilation {
  /** Responsive HTML with the author's Handlebars mustaches put back, ready for Handlebars. */
  html: string;
  issues: MjmlIssue[];
}

interface Protected {
  source: string;
  mustaches: string[];
  /** processed line → original line, for MJML's line numbers. */
  originalLine: (processedLine: number) => number;
}

/** Swaps every mustache for an inert word so MJML can neither drop, re-quote nor re-encode it. */
function protectMustaches(source: string): Protected {
  const mustaches: string[] = [];
  const shifts: { fromLine: number; extra: number }[] = [];
  let processedLine = 1;
  let removed = 0;
  let cursor = 0;
  const out = source.replace(MUSTACHE, (match, offset: number) => {
    processedLine += (source.slice(cursor, offset).match(/\n/g) ?? []).length;
    cursor = offset + match.length;
    const newlines = (match.match(/\n/g) ?? []).length;
    if (newlines > 0) {
      removed += newlines;
      shifts.push({ fromLine: processedLine + 1, extra: removed });
    }
    mustaches.push(match);
    return `HBSPH${mustaches.length - 1}HBSPH`;
  });
  const originalLine = (line: number) => line + (shifts.filter((shift) => shift.fromLine <= line).at(-1)?.extra ?? 0);
  return { source: out, mustaches, originalLine };
}

/**
 * MJML silently drops text standing between layout tags (`{{#if}}` around an `<mj-section>`).
 * Such mustaches are wrapped in `<mj-raw>`, which MJML emits verbatim at that place.
 */
function wrapLayoutMustaches(source: string): string {
  const stack: string[] = [];
  let verbatimUntil: string | null = null;
  return source.replace(
    TOKEN,
    (match, closing: string, tag: string | undefined, _attrs, selfClosing: string, placeholder: string | undefined) => {
      if (placeholder !== undefined) {
        const inBody = stack.includes('mj-body');
        return verbatimUntil === null && inBody ? `<mj-raw>${match}</mj-raw>` : match;
      }
      if (!tag) return match; // comment
      const name = tag.toLowerCase();
      if (verbatimUntil !== null) {
        if (closing && name === verbatimUntil) {
          verbatimUntil = null;
          stack.pop();
        }
        return match;
      }
      if (!name.startsWith('mj')) return match;
      if (closing) {
        const index = stack.lastIndexOf(name);
        if (index >= 0) stack.length = index;
      } else if (!selfClosing) {
        stack.push(name);
        if (ENDING_TAGS.has(name)) verbatimUntil = name;
      }
      return match;
    },
  );
}

function restoreMustaches(html: string, mustaches: string[]): { html: string; restored: Set<number> } {
  const restored = new Set<number>();
  const out = html.replace(PLACEHOLDER, (_, index: string) => {
    restored.add(Number(index));
    return mustaches[Number(index)] ?? '';
  });
  return { html: out, restored };
}

/**
 * Compiles MJML once per template. Merge fields are applied afterwards by Handlebars with HTML escaping,
 * so a merge value can never become MJML or HTML markup.
 */
export function compileMjml(source: string): MjmlCompilation {
  if (/HBSPH\d+HBSPH/.test(source)) {
    return { html: '', issues: [{ message: 'The template contains the reserved word HBSPH…HBSPH', fatal: true }] };
  }
  const prepared = protectMustaches(source);
  const wrapped = wrapLayoutMustaches(prepared.source);
  let result: MjmlResult;
  try {
    result = mjml2html(wrapped, {
      validationLevel: 'soft',
      keepComments: false,
      fonts: {},
      ignoreIncludes: true,
      minify: false,
    });
  } catch (error) {
    return { html: '', issues: [{ message: error instanceof Error ? error.message : String(error), fatal: true }] };
  }
  const issues: MjmlIssue[] = result.errors.map((error) => ({
    message: error.message,
    line: typeof error.line === 'number' ? prepared.originalLine(error.line) : undefined,
    fatal: false,
  }));
  const { html, restored } = restoreMustaches(result.html, prepared.mustaches);
  prepared.mustaches.forEach((mustache, index) => {
    if (!restored.has(index) && !mustache.startsWith('{{!')) {
      issues.push({
        message: `MJML dropped ${mustache}: place it inside <mj-text>, <mj-button> or an attribute`,
        fatal: true,
      });
    }
  });
  return { html, issues };
}
