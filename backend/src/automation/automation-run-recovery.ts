import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { AutomationRepository } from './automation.repository.js';
import type { ActionResult, AutomationRuleRunRow } from './automation.schema.js';

const BATCH = 200;

/**
 * Runs cut by a crash. A run still `running` after `AUTOMATION_RUN_LEASE_MS` belongs to a worker that died: actions
 * run at most once (each commits on its own and may have reached a customer), so the run is not re-run but marked
 * `failed` with the reason — the actions that had completed stay `done`, the one in progress is `interrupted`, later
 * ones `not_run` — and the rule's run list shows what to check by hand. Worker role, at boot and every half lease.
 */
@Injectable()
export class AutomationRunRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly repository: AutomationRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.jobs.runsWorkers) return;
    this.timer = setInterval(() => void this.sweep(), Math.max(1_000, this.config.automation.runLeaseMs / 2));
    this.timer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Marks every run older than the lease failed; returns how many. Never throws (logged; the next sweep retries). */
  async sweep(): Promise<number> {
    let recovered = 0;
    try {
      const cutoff = new Date(Date.now() - this.config.automation.runLeaseMs);
      for (;;) {
        const stale = await this.repository.staleRuns(cutoff, BATCH);
        for (const { run, actions } of stale) if (await this.fail(run, actions)) recovered += 1;
        if (stale.length < BATCH) break;
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'automation run recovery failed');
    }
    return recovered;
  }

  private async fail(run: AutomationRuleRunRow, actions: { type: string }[]): Promise<boolean> {
    const done = run.actionResults.filter((r) => r.status === 'done');
    const results: ActionResult[] = actions.map((action, index) =>
      index < done.length
        ? done[index]
        : { type: action.type, status: index === done.length ? 'interrupted' : 'not_run' },
    );
    const current = actions[done.length];
    const error =
      `Interrupted: the worker stopped during this run (started ${run.startedAt.toISOString()}). ` +
      (done.length ? `Actions 1–${done.length} completed. ` : '') +
      (current
        ? `Action ${done.length + 1} (${current.type}) may or may not have taken effect; check it by hand. `
        : '') +
      'Not retried: rule actions run at most once.';
    const failed = await this.repository.failInterruptedRun(run.id, { actionResults: results, error });
    if (failed)
      this.logger.warn(
        { ruleId: run.ruleId, runId: run.id, eventType: run.eventType },
        'interrupted automation run failed',
      );
    return Boolean(failed);
  }
}
