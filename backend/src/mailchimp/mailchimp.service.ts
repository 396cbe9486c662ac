import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MailchimpApiError,
  serverPrefixOf,
  subscriberHash,
  type MailchimpAudienceClient,
} from '@consult-crm/integrations';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { CardEnteredStage } from '../consultations/card-stage-listeners.js';
import { CardStageListeners } from '../consultations/card-stage-listeners.js';
import { ConsultationCardsService } from '../consultations/consultation-cards.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { TimelineService } from '../timeline/timeline.service.js';
import { consentOf } from './member-plan.js';
import { MailchimpClients } from './mailchimp-clients.js';
import type { AddToSegmentDto, ConnectAudienceDto, TestConnectionDto, UpdateAudienceDto } from './mailchimp.dto.js';
import { MailchimpRepository } from './mailchimp.repository.js';
import type { MailchimpAudienceRow } from './mailchimp.schema.js';
import { MailchimpSyncService } from './mailchimp-sync.service.js';

/** An audience as the API shows it: the key never leaves the server. */
export type MailchimpAudienceView = Omit<MailchimpAudienceRow, 'credentials'> & { apiKey: '********' };
/** What the API answers: the view plus the webhook address to register in Mailchimp (never in the audit log). */
export type MailchimpAudienceResponse = MailchimpAudienceView & { webhookPath: string; webhookUrl: string | null };

/** Connecting audiences, auto-subscribe on stages, adding a card's contact to a campaign's segment. */
@Injectable()
export class MailchimpService implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MailchimpRepository,
    private readonly clients: MailchimpClients,
    private readonly sync: MailchimpSyncService,
    private readonly cards: ConsultationCardsService,
    private readonly stageListeners: CardStageListeners,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.stageListeners.register('mailchimp-auto-subscribe', (event) => this.onCardEnteredStage(event));
  }

  async list(): Promise<MailchimpAudienceResponse[]> {
    return (await this.repository.listAudiences()).map((row) => this.response(row));
  }

  /** The audience with its webhook address: `/api/mailchimp/webhooks/<id>/<secret>` (absolute with PUBLIC_URL). */
  private response(row: MailchimpAudienceRow): MailchimpAudienceResponse {
    const webhookPath = `/api/mailchimp/webhooks/${row.id}/${this.clients.webhookSecret(row.id)}`;
    const base = this.config.http.publicUrl?.replace(/\/+$/, '');
    return { ...view(row), webhookPath, webhookUrl: base ? `${base}${webhookPath}` : null };
  }

  async get(id: string): Promise<MailchimpAudienceRow> {
    const row = await this.repository.findAudience(id);
    if (!row) throw ApiError.notFound('Mailchimp audience', id);
    return row;
  }

  /** Checks the key, the data centre and the list with Mailchimp (GET /ping, GET /lists/{id}) without saving. */
  async testConnection(dto: TestConnectionDto) {
    const serverPrefix = prefixOf(dto);
    const client = this.clients.clientFor({ apiKey: dto.apiKey, serverPrefix });
    const health = await client
      .ping()
      .catch(asConnectionError('apiKey', 'Mailchimp refused the API key (or the data-centre prefix is wrong).'));
    const audience = dto.listId
      ? await client
          .getAudience(dto.listId)
          .catch(asConnectionError('listId', 'Mailchimp has no audience with this id for this key.'))
      : undefined;
    return { ok: true, health, serverPrefix, audience: audience ?? null };
  }

  async connect(dto: ConnectAudienceDto): Promise<MailchimpAudienceResponse> {
    const { apiKey, ...settings } = dto;
    const checked = await this.testConnection({ apiKey, serverPrefix: dto.serverPrefix, listId: dto.listId });
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.repository.insertAudience(tx, {
          ...settings,
          serverPrefix: checked.serverPrefix,
          credentials: this.clients.seal({ apiKey }),
        });
        await this.audit.record(
          { action: 'create', entityType: 'mailchimp_audience', entityId: row.id, after: view(row) },
          tx,
        );
        return this.response(row);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw ApiError.conflict(
          'audience_connected',
          'This Mailchimp audience is already connected; edit the existing connection.',
        );
      throw error;
    }
  }

  async update(id: string, dto: UpdateAudienceDto): Promise<MailchimpAudienceResponse> {
    const before = await this.get(id);
    const { apiKey, ...settings } = dto;
    let serverPrefix = dto.serverPrefix ?? before.serverPrefix;
    if (apiKey)
      serverPrefix = (await this.testConnection({ apiKey, serverPrefix: dto.serverPrefix, listId: before.listId }))
        .serverPrefix;
    return this.db.transaction(async (tx) => {
      const row = await this.repository.updateAudience(
        id,
        { ...settings, serverPrefix, ...(apiKey ? { credentials: this.clients.seal({ apiKey }) } : {}) },
        tx,
      );
      await this.audit.record(
        { action: 'update', entityType: 'mailchimp_audience', entityId: id, before: view(before), after: view(row) },
        tx,
      );
      return this.response(row);
    });
  }

  async startSync(id: string): Promise<{ queued: true }> {
    const audience = await this.get(id);
    if (!audience.active) throw ApiError.unprocessable('audience_inactive', 'Activate the audience before syncing it.');
    await this.sync.enqueueSync(id);
    return { queued: true };
  }

  async campaigns(id: string) {
    const audience = await this.get(id);
    return this.remote(audience, (client) => client.listCampaigns(audience.listId));
  }

  async segments(id: string) {
    const audience = await this.get(id);
    return this.remote(audience, (client) => client.listSegments(audience.listId, { type: 'static' }));
  }

  /**
   * The card's contact joins a static segment (tag) of the audience, e.g. the one a campaign is sent to: the member
   * is created or updated first (only with e-mail consent), then added; pinned so later syncs keep it.
   */
  async addCardContactToSegment(cardId: string, dto: AddToSegmentDto, user: AuthenticatedUser) {
    const card = await this.cards.getVisible(cardId, user);
    const audience = await this.get(dto.audienceId);
    const [contact] = await this.repository.contactsForAudience([card.contactId]);
    if (!contact?.email)
      throw ApiError.unprocessable('contact_without_email', 'Add the contact’s e-mail address first.');
    if (consentOf(contact) !== 'given')
      throw ApiError.unprocessable(
        'no_email_consent',
        'The contact has not agreed to receive e-mails; record their consent first.',
      );
    await this.repository.pin(audience.id, contact.contactId, 'card', contact.email, subscriberHash(contact.email));
    await this.remote(audience, async (client) => {
      await this.sync.syncContact(audience.id, contact.contactId);
      await client.addSegmentMember(audience.listId, dto.segmentId, contact.email!);
    });
    await this.db.transaction(async (tx) => {
      await this.audit.record(
        {
          action: 'mailchimp.segment_member_added',
          entityType: 'consultation_card',
          entityId: card.id,
          after: { audienceId: audience.id, segmentId: dto.segmentId },
        },
        tx,
      );
      await this.timeline.append(tx, {
        kind: 'mailchimp_audience',
        contactId: card.contactId,
        cardId: card.id,
        summary: { audience: audience.name, segmentId: dto.segmentId },
      });
    });
    return { added: true, email: contact.email, segmentId: dto.segmentId };
  }

  /**
   * Auto-subscribe: a card entering one of an audience's `autoSubscribeStageIds` pins its contact and queues the
   * contact's sync (consent is checked there). The automation engine can call `subscribeContact` directly.
   */
  async onCardEnteredStage(event: CardEnteredStage): Promise<void> {
    for (const audience of await this.repository.activeAudiences())
      if (audience.autoSubscribeStageIds.includes(event.stageId))
        await this.subscribeContact(audience.id, event.contactId, 'stage');
  }

  async subscribeContact(
    audienceId: string,
    contactId: string,
    pinnedBy: 'stage' | 'automation' | 'card',
  ): Promise<void> {
    const [contact] = await this.repository.contactsForAudience([contactId]);
    if (!contact?.email) return;
    await this.repository.pin(audienceId, contactId, pinnedBy, contact.email, subscriberHash(contact.email));
    await this.sync.enqueueContact(audienceId, contactId);
    this.logger.info({ audienceId, contactId, pinnedBy }, 'mailchimp subscription queued');
  }

  private async remote<T>(
    audience: MailchimpAudienceRow,
    call: (client: MailchimpAudienceClient) => Promise<T>,
  ): Promise<T> {
    try {
      return await call(this.clients.forAudience(audience));
    } catch (error) {
      if (error instanceof MailchimpApiError)
        throw new ApiError(
          502,
          'mailchimp_error',
          `Mailchimp did not accept the request: ${error.message}. Try again later or check the connection.`,
        );
      throw error;
    }
  }
}

function view(row: MailchimpAudienceRow): MailchimpAudienceView {
  const { credentials: _secret, ...rest } = row;
  return { ...rest, apiKey: '********' };
}

function prefixOf(dto: { apiKey: string; serverPrefix?: string }): string {
  try {
    return serverPrefixOf({ apiKey: dto.apiKey, serverPrefix: dto.serverPrefix });
  } catch {
    throw ApiError.validation({
      serverPrefix: 'Give the data-centre prefix (for example us21) or an API key that ends with it.',
    });
  }
}

function asConnectionError(field: string, message: string) {
  return (error: unknown): never => {
    if (error instanceof MailchimpApiError && error.status !== undefined && error.status < 500 && error.status !== 429)
      throw ApiError.unprocessable('mailchimp_connection_failed', message, { [field]: error.message });
    throw new ApiError(
      502,
      'mailchimp_unreachable',
      `Mailchimp could not be reached: ${(error as Error).message}. Try again in a minute.`,
    );
  };
}
