import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { subscriberHash } from '@consult-crm/integrations';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { parseOrThrow } from '../common/zod-validation.js';
import { ContactConsentService } from '../contacts/contact-consent.service.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { MailchimpClients } from './mailchimp-clients.js';
import { mailchimpWebhookDto, type MailchimpWebhookDto } from './mailchimp.dto.js';
import { MailchimpRepository } from './mailchimp.repository.js';
import type { MailchimpAudienceRow } from './mailchimp.schema.js';

const WEBHOOK_ACTOR = 'mailchimp-webhook';

/** What a webhook call did, for the response body and the log line. */
export type MailchimpWebhookOutcome = {
  type: MailchimpWebhookDto['type'];
  contactId: string | null;
  consentChanged: boolean;
};

/**
 * Mailchimp audience webhooks → CRM. Unsubscribes and cleaned addresses withdraw the contact's e-mail consent (so
 * campaigns and the sync skip it), a subscribe gives it, an address change follows the member; every change is
 * audited and on the timeline. Replays change nothing (consent and member state are set, not toggled).
 */
@Injectable()
export class MailchimpWebhookService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: MailchimpRepository,
    private readonly clients: MailchimpClients,
    private readonly consent: ContactConsentService,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
  ) {}

  /** The audience a webhook URL belongs to, or undefined (unknown audience or wrong secret: the caller answers 404). */
  async authenticate(audienceId: string, secret: string): Promise<MailchimpAudienceRow | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(audienceId)) return undefined;
    const audience = await this.repository.findAudience(audienceId);
    if (!audience || !this.clients.isWebhookSecret(audience.id, secret)) return undefined;
    return audience;
  }

  async handle(audience: MailchimpAudienceRow, body: unknown): Promise<MailchimpWebhookOutcome> {
    const event = parseOrThrow(mailchimpWebhookDto, body);
    if (event.data.list_id !== audience.listId)
      throw ApiError.validation(
        { 'data.list_id': `This webhook URL belongs to the audience of list ${audience.listId}.` },
        'The webhook was sent for another Mailchimp list.',
      );
    const email = event.type === 'upemail' ? event.data.old_email : event.data.email;
    if (!email)
      throw ApiError.validation({ [event.type === 'upemail' ? 'data.old_email' : 'data.email']: 'Required.' });
    const outcome = await this.db.transaction(async (tx): Promise<MailchimpWebhookOutcome> => {
      const contactId = (await this.repository.contactIdByEmail(audience.id, email, tx)) ?? null;
      if (!contactId) return { type: event.type, contactId: null, consentChanged: false };
      return { type: event.type, contactId, consentChanged: await this.apply(tx, audience, event, contactId, email) };
    });
    this.logger.info(
      {
        audienceId: audience.id,
        type: event.type,
        contactId: outcome.contactId,
        consentChanged: outcome.consentChanged,
      },
      'mailchimp webhook',
    );
    return outcome;
  }

  private async apply(
    tx: DatabaseExecutor,
    audience: MailchimpAudienceRow,
    event: MailchimpWebhookDto,
    contactId: string,
    email: string,
  ): Promise<boolean> {
    const details = {
      audienceId: audience.id,
      listId: audience.listId,
      ...(event.data.reason ? { reason: event.data.reason } : {}),
    };
    const member = { audienceId: audience.id, contactId, email, subscriberHash: subscriberHash(email) };
    switch (event.type) {
      case 'unsubscribe':
      case 'cleaned': {
        await this.repository.saveMember(
          { ...member, status: event.type === 'cleaned' ? 'cleaned' : 'unsubscribed' },
          tx,
        );
        return this.consent.change(tx, {
          contactId,
          flag: 'email',
          value: false,
          source: `mailchimp webhook: ${event.type} (${audience.name})`,
          via: 'mailchimp_webhook',
          actorLabel: WEBHOOK_ACTOR,
          details: {
            ...details,
            event: event.type,
            ...(event.data.campaign_id ? { campaignId: event.data.campaign_id } : {}),
          },
        });
      }
      case 'subscribe': {
        await this.repository.saveMember({ ...member, status: 'subscribed' }, tx);
        return this.consent.change(tx, {
          contactId,
          flag: 'email',
          value: true,
          source: `mailchimp webhook: subscribe (${audience.name})`,
          via: 'mailchimp_webhook',
          actorLabel: WEBHOOK_ACTOR,
          details: { ...details, event: 'subscribe' },
        });
      }
      case 'upemail':
        await this.followNewAddress(tx, audience, contactId, email, event.data.new_email);
        return false;
      default:
        // profile and campaign events: the CRM is the source of profile data (the next sync writes it back).
        return false;
    }
  }

  /** The member changed its address in Mailchimp: the sync state and (when it still had the old one) the contact follow. */
  private async followNewAddress(
    tx: DatabaseExecutor,
    audience: MailchimpAudienceRow,
    contactId: string,
    oldEmail: string,
    newEmail: string | undefined,
  ): Promise<void> {
    if (!newEmail) throw ApiError.validation({ 'data.new_email': 'Required.' });
    await this.repository.saveMember(
      {
        audienceId: audience.id,
        contactId,
        email: newEmail,
        subscriberHash: subscriberHash(newEmail),
        status: 'subscribed',
      },
      tx,
    );
    const current = await this.repository.contactEmail(contactId, tx);
    if (!current || current.toLowerCase() !== oldEmail.toLowerCase()) return;
    await this.repository.setContactEmail(tx, contactId, newEmail);
    await this.audit.record(
      {
        action: 'update',
        entityType: 'contact',
        entityId: contactId,
        before: { email: current },
        after: { email: newEmail, via: 'mailchimp_webhook', audienceId: audience.id },
        actor: { userId: null, label: WEBHOOK_ACTOR },
      },
      tx,
    );
    await this.timeline.append(tx, {
      kind: 'field_changed',
      contactId,
      actorUserId: null,
      refType: 'contact_update',
      refId: randomUUID(),
      summary: { fields: ['email'], via: 'mailchimp_webhook' },
    });
  }
}
