import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { localToday, shiftDay } from './report-days.js';
import { LiveStateRepository } from './live-state.repository.js';
import { REPORT_FACTS, type FactDefinition } from './report-facts.js';
import { ReportsRepository } from './reports.repository.js';

export const REPORTS_ROLLUP_QUEUE = 'reports-rollup';

export type RollupRefresh = { fact: string; fromDay: string; toDay: string; rows: number };

/**
 * Keeps the dashboard rollup tables current. Why a job and not the writers: the inbound-message and call paths are
 * the hot paths of the system and are tuned for round trips; a counter update per message would add a write and a
 * hot row lock per (day, consultant) to each of them. Instead a BullMQ scheduled job re-aggregates the last
 * REPORTS_ROLLUP_RECENT_DAYS local days (late changes such as a missed call marked called back, a card reassigned)
 * every REPORTS_ROLLUP_INTERVAL_MINUTES, and queries read finished days from the rollups and only the days since the
 * last refresh (normally today) from the raw tables, so numbers are always exact as of the query.
 */
@Injectable()
export class ReportsRollupService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: ReportsRepository,
    private readonly liveState: LiveStateRepository,
    private readonly queues: JobQueues,
  ) {}

  onModuleInit(): void {
    this.queues.defineWorker(REPORTS_ROLLUP_QUEUE, async (job) =>
      job.name === 'rebuild' ? this.rebuild((job.data as { fromDay?: string }).fromDay) : this.refreshRecent(),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queues.runsWorkers || this.config.reports.rollupIntervalMinutes === 0) return;
    await this.queues
      .queue(REPORTS_ROLLUP_QUEUE)
      .upsertJobScheduler(
        'reports-rollup-recent',
        { every: this.config.reports.rollupIntervalMinutes * 60_000 },
        { name: 'refresh', opts: { attempts: 1 } },
      )
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'could not schedule the reports rollup'));
  }

  /**
   * Re-aggregates every fact from the earlier of (its completeBefore, today − recent days) up to yesterday; a fact
   * never rolled up starts at its earliest raw row.
   */
  async refreshRecent(now = new Date()): Promise<RollupRefresh[]> {
    const states = await this.repository.rollupStates();
    const timeZone = this.config.locale.timeZone;
    const yesterday = shiftDay(localToday(timeZone, now), -1);
    const recentStart = shiftDay(yesterday, 1 - this.config.reports.rollupRecentDays);
    const done: RollupRefresh[] = [];
    for (const fact of REPORT_FACTS) {
      const completeBefore = states.get(fact.name)?.completeBefore;
      const fromDay = completeBefore
        ? minDay(completeBefore, recentStart)
        : await this.repository.earliestDay(fact, timeZone);
      done.push(await this.refresh(fact, fromDay ?? yesterday, yesterday));
    }
    return done;
  }

  /**
   * Re-aggregates everything from `fromDay` (default: the earliest raw row) and recomputes the live card counters:
   * after an import or a data fix.
   */
  async rebuild(fromDay?: string, now = new Date()): Promise<RollupRefresh[]> {
    const started = Date.now();
    const counters = await this.liveState.rebuildCounters();
    this.logger.info({ ...counters, ms: Date.now() - started }, 'live card counters rebuilt');
    const timeZone = this.config.locale.timeZone;
    const yesterday = shiftDay(localToday(timeZone, now), -1);
    const done: RollupRefresh[] = [];
    for (const fact of REPORT_FACTS) {
      const start = fromDay ?? (await this.repository.earliestDay(fact, timeZone)) ?? yesterday;
      done.push(await this.refresh(fact, start, yesterday));
    }
    return done;
  }

  /** Queues a rebuild on the worker (the admin endpoint). */
  async enqueueRebuild(fromDay?: string): Promise<void> {
    await this.queues.queue(REPORTS_ROLLUP_QUEUE).add('rebuild', { fromDay }, { attempts: 1 });
  }

  private async refresh(fact: FactDefinition, fromDay: string, toDay: string): Promise<RollupRefresh> {
    const started = Date.now();
    const from = fromDay > toDay ? toDay : fromDay;
    const rows = await this.repository.refreshRollup(fact, {
      fromDay: from,
      toDay,
      timeZone: this.config.locale.timeZone,
    });
    this.logger.info(
      { fact: fact.name, fromDay: from, toDay, rows, ms: Date.now() - started },
      'report rollup refreshed',
    );
    return { fact: fact.name, fromDay: from, toDay, rows };
  }
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}
