import { convert } from 'html-to-text';

const OPTIONS = {
  wordwrap: 78,
  selectors: [
    { selector: 'img', format: 'skip' },
    // MJML's hidden preheader (<mj-preview>) and anything else hidden from readers
    { selector: '[style*="display:none"]', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'block' },
    { selector: 'tbody', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'td', format: 'block' },
  ],
};

/** The text/plain alternative of a rendered e-mail: layout tables flattened, images dropped, links kept. */
export function htmlToPlainText(html: string): string {
  return convert(html, OPTIONS)
    .split('\n')
    .map((line) => line.trimEnd()) // also drops the hair space MJML puts in <mj-spacer>
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
