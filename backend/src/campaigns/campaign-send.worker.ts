import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ChannelAccountsService } from '../conversations/channel-accounts.service.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { MessageTemplatesService } from '../message-templates/message-templates.service.js';
import { JobQueues } from '../queues/job-queues.js';
import { CampaignAudience } from './campaign-audience.js';
import { CampaignRecipientSender } from './campaign-recipient.sender.js';
import { CAMPAIGN_SENDS_QUEUE, CampaignScheduler, type CampaignTickJob } from './campaign-scheduler.js';
import { CampaignsRepository } from './campaigns.repository.js';
import type { CampaignRow } from './campaigns.schema.js';

const SYSTEM_ACTOR = { userId: null, label: 'campaigns' };

/**
 * One tick of a running campaign: claim it, materialize the recipients on the first tick, hand the next
 * `ratePerMinute × tick` pending recipients to the outbound queue, then schedule the next tick or complete.
 */
@Injectable()
export class CampaignSendWorker implements OnModuleInit {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly repository: CampaignsRepository,
    private readonly scheduler: CampaignScheduler,
    private readonly audience: CampaignAudience,
    private readonly sender: CampaignRecipientSender,
    private readonly templates: MessageTemplatesService,
    private readonly accounts: ChannelAccountsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.defineWorker(CAMPAIGN_SENDS_QUEUE, (job: Job<CampaignTickJob>) => this.tick(job.data.campaignId), {
      concurrency: 2,
    });
  }

  async tick(campaignId: string): Promise<void> {
    const { tickMs } = this.config.campaigns;
    let campaign = await this.repository.claimTick(campaignId, tickMs);
    if (!campaign) return;
    const account = await this.accounts.get(campaign.channelAccountId);
    if (!campaign.materializedAt) {
      const total = await this.audience.materialize(campaign, account);
      campaign = await this.db.transaction((tx) =>
        this.repository.update(tx, campaignId, { materializedAt: new Date() }),
      );
      this.logger.info({ campaignId, recipients: total }, 'campaign audience materialized');
    }
    const template = await this.templates.get(campaign.templateId);
    const variants = await this.templates.list({ key: template.key, channel: template.channel, active: true });
    const batch = await this.repository.pendingIds(campaignId, batchSize(campaign, tickMs));
    let queued = 0;
    for (const { id } of batch) {
      const current = await this.repository.findById(campaignId);
      if (current?.status !== 'running') return;
      if ((await this.sender.send(id, { campaign, account, template, variants })) === 'queued') queued++;
    }
    if (batch.length)
      this.logger.info({ campaignId, queued, batch: batch.length }, 'campaign batch handed to the outbound queue');
    if ((await this.repository.countPending(campaignId)) === 0) return this.complete(campaign);
    await this.scheduler.tickSoon(campaignId, tickMs);
  }

  private async complete(campaign: CampaignRow): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await this.repository.setStatus(tx, campaign.id, ['running'], {
        status: 'completed',
        completedAt: new Date(),
      });
      if (row)
        await this.audit.record(
          {
            action: 'campaign.complete',
            entityType: 'campaign',
            entityId: campaign.id,
            before: { status: 'running' },
            after: { status: 'completed' },
            actor: SYSTEM_ACTOR,
          },
          tx,
        );
    });
    this.logger.info({ campaignId: campaign.id }, 'campaign completed');
  }
}

/** Recipients per tick for the campaign's rate (at least one). */
export function batchSize(campaign: Pick<CampaignRow, 'ratePerMinute'>, tickMs: number): number {
  return Math.max(1, Math.round((campaign.ratePerMinute * tickMs) / 60_000));
}
