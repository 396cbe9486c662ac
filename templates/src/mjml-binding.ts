import { createRequire } from 'node:module';

/**
 * mjml 4.x is CommonJS without bundled types (and @types/mjml now tracks the async 5.x API),
 * so the small synchronous surface used here is typed locally.
 */
export interface MjmlOptions {
  validationLevel?: 'strict' | 'soft' | 'skip';
  keepComments?: boolean;
  fonts?: Record<string, string>;
  /** Must stay true: `<mj-include>` would otherwise read files from the server's disk. */
  ignoreIncludes?: boolean;
  minify?: boolean;
  beautify?: boolean;
}

export interface MjmlError {
  line: number;
  message: string;
  tagName: string;
  formattedMessage: string;
}

export interface MjmlResult {
  html: string;
  errors: MjmlError[];
}

const require = createRequire(import.meta.url);

export const mjml2html = require('mjml') as (source: string, options?: MjmlOptions) => MjmlResult;
