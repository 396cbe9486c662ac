import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import { JobQueues } from '../queues/job-queues.js';
import { TasksRepository } from './tasks.repository.js';

export const TASK_SCANS_QUEUE = 'task-scans';
/** Tasks overdue for longer than this when the scan first sees them (e.g. after a long outage) are not announced. */
const LOOK_BACK_MS = 7 * 86_400_000;

/**
 * Publishes `task.overdue` once per task and due time: a BullMQ job scheduler runs the scan on one worker every
 * TASK_OVERDUE_SCAN_INTERVAL_MS; moving the due time makes the task announce itself again when the new time passes.
 */
@Injectable()
export class TaskOverdueScanner implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly repository: TasksRepository,
    private readonly domainEvents: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.defineWorker(TASK_SCANS_QUEUE, () => this.scan());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.runsWorkers) return;
    await this.jobs
      .queue(TASK_SCANS_QUEUE)
      .upsertJobScheduler(
        'task-overdue-scan',
        { every: this.config.automation.taskOverdueScanIntervalMs },
        { name: 'task-overdue-scan', opts: { attempts: 1 } },
      )
      .catch((error: Error) =>
        this.logger.warn({ err: error.message }, 'task overdue scan not scheduled (is Redis down?)'),
      );
  }

  /** Publishes the newly overdue tasks; returns how many. */
  async scan(now = new Date()): Promise<number> {
    let published = 0;
    for (const task of await this.repository.overdueOpen(now, new Date(now.getTime() - LOOK_BACK_MS), 500)) {
      const dueAt = task.dueAt!;
      const row = await this.db.transaction((tx) =>
        this.domainEvents.publish(
          tx,
          'task.overdue',
          {
            taskId: task.id,
            cardId: task.cardId,
            contactId: task.contactId,
            assigneeUserId: task.assigneeUserId,
            dueAt: dueAt.toISOString(),
          },
          { onceKey: `task.overdue:${task.id}:${dueAt.getTime()}` },
        ),
      );
      if (row) published++;
    }
    if (published) this.logger.info({ published }, 'overdue tasks announced');
    return published;
  }
}
