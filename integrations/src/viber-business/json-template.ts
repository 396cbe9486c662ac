/** A JSON value whose strings may hold {{variable}} placeholders. */
export type JsonTemplate = string | number | boolean | null | JsonTemplate[] | { [key: string]: JsonTemplate };

const WHOLE_PLACEHOLDER = /^\{\{\s*([\w.]+)\s*\}\}$/;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/**
 * Fills a body template. A string that is exactly "{{name}}" becomes the variable's value with its
 * type (number, object…); placeholders inside longer strings are interpolated. An unknown variable
 * is an error, so a typo in config fails the first send rather than sending "{{phnoe}}".
 */
export function renderJsonTemplate(template: JsonTemplate, variables: Record<string, unknown>): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(template);
    if (whole) return lookup(variables, whole[1]);
    return template.replace(PLACEHOLDER, (_match, name: string) => String(lookup(variables, name)));
  }
  if (Array.isArray(template)) return template.map((item) => renderJsonTemplate(item, variables));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(
      Object.entries(template).map(([key, value]) => [key, renderJsonTemplate(value, variables)]),
    );
  }
  return template;
}

function lookup(variables: Record<string, unknown>, name: string): unknown {
  if (!Object.hasOwn(variables, name) || variables[name] === undefined) {
    throw new Error(`Body template uses {{${name}}} but no such value was given`);
  }
  return variables[name];
}

/** Reads "a.b.0.c" from parsed JSON; undefined when any step is missing. */
export function valueAtPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((current, key) => {
    if (current === null || typeof current !== 'object') return undefined;
    return (current as Record<string, unknown>)[key];
  }, value);
}
