import { existsSync } from 'node:fs';
import { aptInstall } from './process-tools.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium for the browser tests (never a downloaded browser build). */
export function ensureChromium() {
  if (!existsSync(CHROMIUM_PATH)) aptInstall(['chromium', 'fonts-dejavu-core'], 'Chromium (for the browser tests)');
  return CHROMIUM_PATH;
}
