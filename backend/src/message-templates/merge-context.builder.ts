import { Inject, Injectable } from '@nestjs/common';
import { resolveLocale, type ConsultantFields, type Locale, type MergeContext } from '@consult-crm/templates';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { MergeDataRepository } from './merge-data.repository.js';

export type MergeSubject = { contactId: string; cardId?: string | null };

/** What a rendered message is about, besides its merge context: where it belongs and who answers for it. */
export type MergeResult = {
  context: MergeContext;
  locale: Locale;
  contactId: string;
  cardId: string | null;
  responsibleUserId: string | null;
  departmentId: string | null;
  pipelineId: string | null;
  instruments: string[];
  email: string | null;
  phone: string | null;
};

/**
 * Builds the merge context of a message from the database: the contact, their company, the card (pipeline, stage,
 * instruments) and the responsible consultant (card's, else contact's) with photo and signature.
 */
@Injectable()
export class MergeContextBuilder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly data: MergeDataRepository,
  ) {}

  async build(subject: MergeSubject, tx?: DatabaseExecutor): Promise<MergeResult> {
    const contact = await this.data.contact(subject.contactId, tx);
    if (!contact || contact.erasedAt) throw ApiError.notFound('Contact', subject.contactId);
    const cardRow = subject.cardId ? await this.data.card(subject.cardId, tx) : undefined;
    if (subject.cardId && !cardRow) throw ApiError.notFound('Card', subject.cardId);
    if (cardRow && cardRow.card.contactId !== contact.id)
      throw ApiError.validation({ cardId: 'This card belongs to another contact.' });
    const locale = resolveLocale(contact.language);
    const card = cardRow?.card;
    const companyId = card?.companyId ?? contact.companyId;
    const company = companyId ? await this.data.company(companyId, tx) : undefined;
    const responsibleUserId = card?.responsibleUserId ?? contact.responsibleUserId ?? null;
    const consultant = responsibleUserId ? await this.consultantFields(responsibleUserId, tx) : undefined;
    const phone = (await this.data.primaryPhone(contact.id, tx)) ?? null;
    const instrumentNames = card ? await this.data.instrumentNames(card.instruments, tx) : [];
    const { centre } = this.config.campaigns;
    const context: MergeContext = {
      contact: {
        firstName: contact.firstName ?? '',
        lastName: contact.lastName ?? '',
        fullName: [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.displayName,
        phone: phone ?? '',
        email: contact.email ?? '',
        locality: contact.locality ?? '',
        activityType: contact.activityType ?? '',
        language: contact.language,
        customFields: contact.customFields ?? {},
      },
      ...(company
        ? {
            company: {
              name: company.name,
              idno: company.idno ?? '',
              size: company.size ?? '',
              sector: company.sector ?? '',
            },
          }
        : {}),
      ...(cardRow && card
        ? {
            consultation: {
              id: card.id,
              title: card.title,
              pipeline: cardRow.pipelineName,
              stage: cardRow.stageName,
              instruments: card.instruments.map((code) => {
                const name = instrumentNames.find((i) => i.code === code)?.name;
                return (name && (name[locale] ?? name.ro)) || code;
              }),
              ...(card.programApplied ? { programApplied: card.programApplied } : {}),
              ...(card.budget !== null && card.budget !== undefined ? { budget: Number(card.budget) } : {}),
            },
          }
        : {}),
      ...(consultant ? { consultant } : {}),
      centre,
      now: new Date(),
    };
    return {
      context,
      locale,
      contactId: contact.id,
      cardId: card?.id ?? null,
      responsibleUserId,
      departmentId: card?.departmentId ?? contact.departmentId ?? null,
      pipelineId: card?.pipelineId ?? null,
      instruments: card?.instruments ?? [],
      email: contact.email,
      phone,
    };
  }

  private async consultantFields(userId: string, tx?: DatabaseExecutor): Promise<ConsultantFields | undefined> {
    const row = await this.data.consultant(userId, tx);
    if (!row) return undefined;
    const { user } = row;
    const signatureHtml = user.signatureHtml ?? '';
    return {
      fullName: user.fullName,
      firstName: user.fullName.split(/\s+/)[0] ?? '',
      email: user.email,
      phone: user.phone ?? '',
      photoUrl: user.photoUrl ?? '',
      signatureHtml,
      signatureText: signatureToText(signatureHtml),
      department: row.departmentName ?? '',
    };
  }
}

/** The signature's lines without markup, for SMS and messenger text. */
export function signatureToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}
