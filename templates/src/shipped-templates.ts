import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALES } from './locales.js';
import type { Channel, Locale, TemplateDefinition, TemplateFormat } from './types.js';

const PACKAGE_NAME = '@consult-crm/templates';
const EXTENSIONS: Record<TemplateFormat, string> = { mjml: 'mjml', html: 'html', text: 'txt' };

interface ShippedMeta {
  name: Record<Locale, string>;
  variants: { channel: Channel; format: TemplateFormat }[];
}

/** The package root, found from this module's URL, so it is the same from src/ (tests) and dist/ (build). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME)
      return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`Cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function shippedTemplatesDir(): string {
  return join(packageRoot(), 'shipped');
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`Shipped template file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function loadKey(dir: string, key: string): TemplateDefinition[] {
  const meta = readJson<ShippedMeta>(join(dir, key, 'meta.json'));
  if (!Array.isArray(meta.variants) || meta.variants.length === 0)
    throw new Error(`shipped/${key}/meta.json lists no variants`);
  const definitions: TemplateDefinition[] = [];
  for (const { channel, format } of meta.variants) {
    for (const locale of LOCALES) {
      const bodyFile = join(dir, key, `${locale}.${EXTENSIONS[format]}`);
      if (!existsSync(bodyFile)) continue;
      const subject =
        channel === 'email' ? readJson<{ subject?: string }>(join(dir, key, `${locale}.json`)).subject : undefined;
      definitions.push({
        id: `shipped:${key}:${channel}:${locale}`,
        key,
        channel,
        format,
        locale,
        subject,
        body: readFileSync(bodyFile, 'utf8'),
        scope: {},
        name: meta.name?.[locale],
        origin: 'shipped',
      });
    }
  }
  return definitions;
}

/**
 * The default templates the centre starts with, from `shipped/<key>/`: `meta.json` (names, channels),
 * `<locale>.mjml` / `<locale>.txt` bodies and `<locale>.json` e-mail subjects. They have an empty scope,
 * so any department- or pipeline-specific template saved by the centre takes precedence in `pickTemplate`.
 */
export function loadShippedTemplates(dir: string = shippedTemplatesDir()): TemplateDefinition[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((key) => loadKey(dir, key));
}
