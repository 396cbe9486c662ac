import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { CampaignsRepository } from './campaigns.repository.js';

export const CAMPAIGN_SENDS_QUEUE = 'campaign-sends';
export type CampaignTickJob = { campaignId: string };

const ENQUEUE_TIMEOUT_MS = 2_000;

/**
 * Drives running campaigns through the `campaign-sends` queue: one delayed "tick" job at a time per campaign (a
 * duplicate is harmless: the tick is claimed in the database). The sweeper (worker role) re-drives every running
 * campaign whose tick is overdue, so a lost job, a worker restart or Redis being down only delays a campaign.
 */
@Injectable()
export class CampaignScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly repository: CampaignsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.runsWorkers) return;
    const every = Math.max(1_000, this.config.campaigns.tickMs * 2);
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Best effort: a failure (Redis down) leaves the campaign to the sweeper. */
  async tickSoon(campaignId: string, delay = 0): Promise<boolean> {
    try {
      const at = Date.now() + delay;
      await withTimeout(
        this.jobs
          .queue<CampaignTickJob>(CAMPAIGN_SENDS_QUEUE, { attempts: 3 })
          .add('tick', { campaignId }, { jobId: `campaign-${campaignId}-${at}`, delay }),
        ENQUEUE_TIMEOUT_MS,
      );
      return true;
    } catch (error) {
      this.logger.warn(
        { campaignId, err: (error as Error).message },
        'campaign tick not enqueued; the sweeper retries',
      );
      return false;
    }
  }

  async sweep(): Promise<void> {
    try {
      const overdue = await this.repository.overdue(this.config.campaigns.tickMs * 2);
      for (const campaign of overdue) await this.tickSoon(campaign.id);
      if (overdue.length) this.logger.debug({ campaigns: overdue.length }, 'overdue campaigns re-driven');
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'campaign sweep failed');
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`queue did not answer within ${ms} ms (is Redis down?)`)), ms);
    }),
  ]);
}
