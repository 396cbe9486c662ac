import Handlebars from 'handlebars';
import { formatDate, isDateStyle } from './helpers/format-date.js';
import { formatMoney } from './helpers/format-money.js';
import { DEFAULT_LOCALE, resolveLocale } from './locales.js';
import type { Locale } from './types.js';

/** Render-time data every helper can read through `options.data`. */
export interface RenderData {
  locale: Locale;
  timeZone?: string;
}

type HelperOptions = Handlebars.HelperOptions & { data?: Partial<RenderData> };

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Handlebars passes the options object last; a helper called with fewer arguments sees it in their place. */
function optionsOf(args: unknown[]): HelperOptions {
  return args[args.length - 1] as HelperOptions;
}

function positional(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}

function localeOf(options: HelperOptions): Locale {
  return resolveLocale(options.hash?.locale ?? options.data?.locale, DEFAULT_LOCALE);
}

/** The template-facing helpers; names are the ones authors type. */
const HELPERS: Record<string, (...args: unknown[]) => unknown> = {
  formatDate(...args) {
    const options = optionsOf(args);
    const [value, style] = positional(args);
    return formatDate(value, {
      locale: localeOf(options),
      style: isDateStyle(style) ? style : 'long',
      timeZone: (options.hash?.timeZone as string | undefined) ?? options.data?.timeZone,
    });
  },
  formatMoney(...args) {
    const options = optionsOf(args);
    const [value, currency] = positional(args);
    const digits = options.hash?.digits;
    return formatMoney(value, {
      locale: localeOf(options),
      currency: typeof currency === 'string' && currency !== '' ? currency : undefined,
      fractionDigits: typeof digits === 'number' ? digits : undefined,
    });
  },
  default(...args) {
    const [value, fallback] = positional(args);
    return isEmpty(value) ? fallback : value;
  },
  upper(...args) {
    const [value] = positional(args);
    return isEmpty(value) ? '' : String(value).toLocaleUpperCase(localeOf(optionsOf(args)));
  },
  join(...args) {
    const [list, separator] = positional(args);
    if (!Array.isArray(list)) return isEmpty(list) ? '' : String(list);
    return list.filter((item) => !isEmpty(item)).join(typeof separator === 'string' ? separator : ', ');
  },
  if_eq(this: unknown, ...args) {
    const options = optionsOf(args);
    const [left, right] = positional(args);
    // loose on purpose: authors compare numbers with strings typed in templates ("3" vs 3)
    return left == right ? options.fn(this) : options.inverse(this);
  },
};

/** Built-in Handlebars helpers authors may use; `log` and partials are deliberately absent. */
const BUILTIN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup'] as const;

export const TEMPLATE_HELPERS: readonly string[] = Object.keys(HELPERS);
export const BLOCK_ONLY_HELPERS: readonly string[] = ['if_eq', 'if', 'unless', 'each', 'with'];
export const KNOWN_HELPERS: ReadonlySet<string> = new Set([...TEMPLATE_HELPERS, ...BUILTIN_HELPERS]);

/** Private instance: helpers registered here never leak into, or depend on, the global Handlebars. */
export const handlebars: typeof Handlebars = Handlebars.create();
for (const [name, helper] of Object.entries(HELPERS))
  handlebars.registerHelper(name, helper as Handlebars.HelperDelegate);
handlebars.unregisterHelper('log');

export type TemplateFunction = Handlebars.TemplateDelegate;

/** Compiles with unknown helpers rejected; `escapeHtml` false for SMS, messenger text and subjects. */
export function compileHandlebars(source: string, escapeHtml: boolean): TemplateFunction {
  const knownHelpers: Record<string, boolean> = {};
  for (const name of KNOWN_HELPERS) knownHelpers[name] = true;
  return handlebars.compile(source, {
    knownHelpers,
    knownHelpersOnly: true,
    noEscape: !escapeHtml,
    preventIndent: true,
  });
}
