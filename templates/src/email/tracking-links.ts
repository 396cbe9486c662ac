import type { LinkFields, Locale } from '../types.js';

const UNSUBSCRIBE_TEXT: Record<Locale, { question: string; action: string }> = {
  ro: { question: 'Nu mai doriți să primiți aceste mesaje?', action: 'Dezabonați-vă' },
  ru: { question: 'Не хотите больше получать эти письма?', action: 'Отписаться' },
  en: { question: 'No longer wish to receive these e-mails?', action: 'Unsubscribe' },
};

/** Only absolute http(s) URLs are injected; anything else (javascript:, data:) is dropped. */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function insertBeforeBodyEnd(html: string, fragment: string): string {
  const index = html.toLowerCase().lastIndexOf('</body>');
  return index < 0 ? html + fragment : html.slice(0, index) + fragment + html.slice(index);
}

export interface LinkInjection {
  html?: string;
  text: string;
}

/**
 * Adds an unsubscribe footer (HTML and text) unless the template already prints `links.unsubscribeUrl`,
 * and a 1×1 open-tracking pixel at the end of the HTML body.
 */
export function injectTrackingLinks(
  message: LinkInjection,
  links: LinkFields | undefined,
  locale: Locale,
  templatePrintsUnsubscribe: boolean,
): LinkInjection {
  let { html, text } = message;
  const unsubscribe = safeHttpUrl(links?.unsubscribeUrl);
  if (unsubscribe && !templatePrintsUnsubscribe) {
    const { question, action } = UNSUBSCRIBE_TEXT[locale];
    text = `${text}\n\n${question} ${action}: ${unsubscribe}`;
    if (html !== undefined) {
      html = insertBeforeBodyEnd(
        html,
        `<div style="font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#6b7280;text-align:center;padding:16px 8px;">` +
          `${question} <a href="${escapeAttribute(unsubscribe)}" style="color:#6b7280;text-decoration:underline;">${action}</a></div>`,
      );
    }
  }
  const pixel = safeHttpUrl(links?.trackingPixelUrl);
  if (pixel && html !== undefined) {
    html = insertBeforeBodyEnd(
      html,
      `<img src="${escapeAttribute(pixel)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;overflow:hidden;" />`,
    );
  }
  return { html, text };
}
