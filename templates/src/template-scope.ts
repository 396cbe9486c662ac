import { DEFAULT_LOCALE, resolveLocale } from './locales.js';
import type { Channel, Locale, TemplateDefinition, TemplateScope } from './types.js';

export interface TemplateQuery {
  key: string;
  locale?: Locale | string;
  channel?: Channel;
  departmentId?: string;
  pipelineId?: string;
  service?: string;
}

/** Tie-break weights when two templates match the same number of scope keys: a pipeline is the narrowest. */
const SCOPE_WEIGHTS: Record<keyof TemplateScope, number> = { pipelineId: 4, service: 2, departmentId: 1 };
const SCOPE_KEYS = Object.keys(SCOPE_WEIGHTS) as (keyof TemplateScope)[];

/** Requested language first, then Romanian (the centre's default), then English. */
export function localeFallbackChain(locale: Locale | string | undefined): Locale[] {
  return [...new Set<Locale>([resolveLocale(locale), DEFAULT_LOCALE, 'en'])];
}

/** Undefined when the scope names something the query does not match; otherwise how specific it is. */
function specificity(scope: TemplateScope, query: TemplateQuery): { keys: number; weight: number } | undefined {
  let keys = 0;
  let weight = 0;
  for (const key of SCOPE_KEYS) {
    const wanted = scope[key];
    if (wanted === undefined || wanted === null || wanted === '') continue;
    if (wanted !== query[key]) return undefined;
    keys += 1;
    weight += SCOPE_WEIGHTS[key];
  }
  return { keys, weight };
}

/**
 * Chooses the template to send: among definitions with this key (and channel, if given) whose scope
 * fits the query, the most specific one (most scope keys matched; pipeline > service > department on a tie)
 * in the first language of the fallback chain that has any match. The reader's language wins over scope:
 * a global Russian template beats a department-specific Romanian one for a Russian-speaking contact.
 */
export function pickTemplate<T extends TemplateDefinition>(
  definitions: readonly T[],
  query: TemplateQuery,
): T | undefined {
  for (const locale of localeFallbackChain(query.locale)) {
    let best: { definition: T; keys: number; weight: number } | undefined;
    for (const definition of definitions) {
      if (definition.key !== query.key || definition.locale !== locale) continue;
      if (query.channel && definition.channel !== query.channel) continue;
      const match = specificity(definition.scope ?? {}, query);
      if (!match) continue;
      if (!best || match.keys > best.keys || (match.keys === best.keys && match.weight > best.weight))
        best = { definition, ...match };
    }
    if (best) return best.definition;
  }
  return undefined;
}
