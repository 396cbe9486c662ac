import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ChannelAccountsService } from '../conversations/channel-accounts.service.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isForeignKeyViolation } from '../database/postgres-errors.js';
import { MessageTemplatesService } from '../message-templates/message-templates.service.js';
import { SegmentsService } from '../segments/segments.service.js';
import { CampaignScheduler } from './campaign-scheduler.js';
import type { CreateCampaignDto, RecipientsQuery, UpdateCampaignDto } from './campaigns.dto.js';
import { CampaignsRepository } from './campaigns.repository.js';
import type { CampaignRow, CampaignStatus } from './campaigns.schema.js';
import { templateChannelOf } from './consent-policy.js';
import { TrackingTokens } from './tracking-tokens.js';

/** Campaign set-up and lifecycle: draft → running ⇄ paused → completed, or cancelled. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: CampaignsRepository,
    private readonly templates: MessageTemplatesService,
    private readonly segments: SegmentsService,
    private readonly accounts: ChannelAccountsService,
    private readonly scheduler: CampaignScheduler,
    private readonly tokens: TrackingTokens,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<CampaignRow[]> {
    return this.repository.list();
  }

  async get(id: string, tx?: DatabaseExecutor): Promise<CampaignRow> {
    const row = await this.repository.findById(id, tx);
    if (!row) throw ApiError.notFound('Campaign', id);
    return row;
  }

  async getWithStats(id: string) {
    const campaign = await this.get(id);
    return { ...campaign, stats: await this.repository.stats(id) };
  }

  recipients(id: string, query: RecipientsQuery) {
    const { limit, offset, ...filter } = query;
    return this.get(id).then(() => this.repository.recipients(id, filter, { limit, offset }));
  }

  async create(dto: CreateCampaignDto, user: AuthenticatedUser): Promise<CampaignRow> {
    await this.checkSetup(dto);
    return this.writing(async (tx) => {
      const row = await this.repository.insert(tx, {
        ...dto,
        ratePerMinute: dto.ratePerMinute ?? this.config.campaigns.defaultRatePerMinute,
        createdBy: user.id,
      });
      await this.audit.record({ action: 'create', entityType: 'campaign', entityId: row.id, after: row }, tx);
      return row;
    });
  }

  async update(id: string, dto: UpdateCampaignDto): Promise<CampaignRow> {
    return this.writing(async (tx) => {
      const before = await this.repository.lock(tx, id);
      if (!before) throw ApiError.notFound('Campaign', id);
      const audienceChange = dto.templateId || dto.segmentId || dto.channelAccountId;
      if (audienceChange && before.status !== 'draft')
        throw ApiError.conflict(
          'campaign_started',
          'The template, segment and channel of a started campaign cannot change; create a new campaign.',
        );
      if (before.status === 'completed' || before.status === 'cancelled')
        throw ApiError.conflict('campaign_finished', 'This campaign is finished.');
      if (audienceChange) await this.checkSetup({ ...before, ...dto });
      const row = await this.repository.update(tx, id, dto);
      await this.audit.record({ action: 'update', entityType: 'campaign', entityId: id, before, after: row }, tx);
      return row;
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.repository.lock(tx, id);
      if (!before) throw ApiError.notFound('Campaign', id);
      if (before.status !== 'draft')
        throw ApiError.conflict('campaign_started', 'Only a draft can be deleted; cancel a started campaign instead.');
      await this.repository.delete(tx, id);
      await this.audit.record({ action: 'delete', entityType: 'campaign', entityId: id, before }, tx);
    });
  }

  /** Starts a draft: the worker materializes the recipients (skipping opted-out and unreachable contacts) and sends. */
  async start(id: string): Promise<CampaignRow> {
    const campaign = await this.get(id);
    if (campaign.status !== 'draft')
      throw ApiError.conflict(
        'campaign_not_draft',
        `This campaign is ${campaign.status}; only a draft can be started.`,
      );
    await this.checkSetup(campaign);
    return this.transition(id, ['draft'], 'running', { startedAt: new Date(), nextTickAt: null }, 'campaign.start');
  }

  pause(id: string): Promise<CampaignRow> {
    return this.transition(id, ['running'], 'paused', {}, 'campaign.pause');
  }

  resume(id: string): Promise<CampaignRow> {
    return this.transition(id, ['paused'], 'running', { nextTickAt: null }, 'campaign.resume');
  }

  /** Stops a campaign for good: recipients not yet handed to the queue are cancelled. */
  async cancel(id: string): Promise<CampaignRow> {
    return this.transition(
      id,
      ['draft', 'running', 'paused'],
      'cancelled',
      { cancelledAt: new Date() },
      'campaign.cancel',
      (tx) => this.repository.cancelPending(tx, id),
    );
  }

  private async transition(
    id: string,
    from: CampaignStatus[],
    to: CampaignStatus,
    values: Partial<CampaignRow>,
    action: string,
    alsoDo?: (tx: DatabaseExecutor) => Promise<unknown>,
  ): Promise<CampaignRow> {
    const row = await this.db.transaction(async (tx) => {
      const before = await this.repository.lock(tx, id);
      if (!before) throw ApiError.notFound('Campaign', id);
      const row = await this.repository.setStatus(tx, id, from, { ...values, status: to });
      if (!row)
        throw ApiError.conflict(
          'campaign_status',
          `This campaign is ${before.status}; it cannot be ${to === 'running' ? 'started or resumed' : to} now.`,
          { status: before.status },
        );
      await alsoDo?.(tx);
      await this.audit.record(
        {
          action,
          entityType: 'campaign',
          entityId: id,
          before: { status: before.status },
          after: { status: row.status },
        },
        tx,
      );
      return row;
    });
    if (to === 'running') void this.scheduler.tickSoon(row.id);
    return row;
  }

  private async checkSetup(input: { templateId: string; segmentId: string; channelAccountId: string }): Promise<void> {
    const [template, account] = await Promise.all([
      this.templates.get(input.templateId),
      this.accounts.get(input.channelAccountId),
    ]);
    await this.segments.get(input.segmentId);
    if (!template.active)
      throw ApiError.validation({ templateId: 'This template is switched off; activate it or choose another one.' });
    if (!account.active) throw ApiError.validation({ channelAccountId: 'This channel account is switched off.' });
    if (templateChannelOf(account.channel) !== template.channel)
      throw ApiError.validation({
        channelAccountId: `This is a ${account.channel} account; the template is for ${template.channel}.`,
      });
    if (template.channel === 'email' && !this.tokens.baseUrl)
      throw ApiError.unprocessable(
        'public_url_missing',
        'Campaign e-mails carry unsubscribe and tracking links: set PUBLIC_URL to the address contacts reach the CRM at.',
      );
  }

  private async writing<T>(work: (tx: DatabaseExecutor) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (isForeignKeyViolation(error))
        throw ApiError.validation({ templateId: 'No such template, segment or channel account.' });
      throw error;
    }
  }
}
