import { Injectable } from '@nestjs/common';
import {
  compileTemplate,
  pickTemplate,
  TemplateCompileError,
  type CompiledTemplate,
  type LinkFields,
  type TemplateDefinition,
} from '@consult-crm/templates';
import { ApiError } from '../common/api-error.js';
import type { OutboundEmailParts } from '../conversations/outbound-messages.service.js';
import type { MergeResult } from '../message-templates/merge-context.builder.js';
import type { MessageTemplateRow } from '../message-templates/message-templates.schema.js';
import { sourceOf } from '../message-templates/message-templates.service.js';

export type ComposedMessage = { text: string; email?: OutboundEmailParts; links: string[] };
export type TrackingLinks = { unsubscribeUrl: string; trackingPixelUrl?: string; clickUrl?: (index: number) => string };

const HREF = /href="(https?:\/\/[^"]+)"/gi;

/** Renders a template for one recipient, adds tracking (pixel, click redirects, unsubscribe link and headers). */
@Injectable()
export class CampaignMessageComposer {
  private readonly compiled = new Map<string, { version: number; template: CompiledTemplate }>();

  /** The language variant of `chosen` for this recipient among same-key templates (falls back to `chosen`). */
  variantFor(chosen: MessageTemplateRow, variants: MessageTemplateRow[], merge: MergeResult): MessageTemplateRow {
    const definitions = variants
      .filter((v) => v.active && v.key === chosen.key && v.channel === chosen.channel)
      .map(definitionOf);
    const picked = pickTemplate(definitions, {
      key: chosen.key,
      channel: chosen.channel,
      locale: merge.locale,
      departmentId: merge.departmentId ?? undefined,
      pipelineId: merge.pipelineId ?? undefined,
    });
    return picked?.row.locale === merge.locale ? picked.row : chosen;
  }

  compose(template: MessageTemplateRow, merge: MergeResult, tracking?: TrackingLinks): ComposedMessage {
    const compiled = this.compile(template);
    const links: LinkFields | undefined = tracking
      ? { unsubscribeUrl: tracking.unsubscribeUrl, trackingPixelUrl: tracking.trackingPixelUrl }
      : undefined;
    const rendered = compiled.render({ ...merge.context, ...(links ? { links } : {}) });
    if (template.channel !== 'email') return { text: rendered.text, links: [] };
    let html = rendered.html;
    const urls: string[] = [];
    if (html && tracking?.clickUrl) {
      html = html.replace(HREF, (match, url: string) => {
        const target = decodeAttribute(url);
        if (target === tracking.unsubscribeUrl) return match;
        urls.push(target);
        return `href="${tracking.clickUrl!(urls.length - 1)}"`;
      });
    }
    const headers = tracking
      ? { 'List-Unsubscribe': `<${tracking.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
      : undefined;
    return { text: rendered.text, email: { subject: rendered.subject ?? '', html, headers }, links: urls };
  }

  private compile(template: MessageTemplateRow): CompiledTemplate {
    const version = template.updatedAt.getTime();
    const cached = this.compiled.get(template.id);
    if (cached?.version === version) return cached.template;
    try {
      const compiled = compileTemplate(sourceOf(template));
      if (this.compiled.size > 500) this.compiled.clear();
      this.compiled.set(template.id, { version, template: compiled });
      return compiled;
    } catch (error) {
      if (error instanceof TemplateCompileError)
        throw ApiError.unprocessable(
          'template_invalid',
          `Template "${template.name}" cannot be rendered: ${error.message}`,
        );
      throw error;
    }
  }
}

function definitionOf(row: MessageTemplateRow): TemplateDefinition & { row: MessageTemplateRow } {
  return {
    ...sourceOf(row),
    id: row.id,
    key: row.key,
    locale: row.locale,
    scope: {
      departmentId: row.departmentId ?? undefined,
      pipelineId: row.pipelineId ?? undefined,
      service: row.service ?? undefined,
    },
    row,
  };
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
