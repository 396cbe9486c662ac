import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type JobsOptions, type Processor, type WorkerOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { RedisConnections } from '../redis/redis.module.js';

type WorkerDefinition = { processor: Processor; options: Omit<WorkerOptions, 'connection' | 'prefix'> };

/**
 * The one place queues are made. Domains call `queue(name)` to add jobs and `defineWorker(name, processor)` in their
 * `onModuleInit`; workers start only in processes whose PROCESS_ROLE is `worker` or `all`.
 */
@Injectable()
export class JobQueues implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();
  private readonly definitions = new Map<string, WorkerDefinition>();
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly redis: RedisConnections,
  ) {}

  queue<Data = unknown>(name: string, defaultJobOptions?: JobsOptions): Queue<Data> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.redis.create(`queue:${name}`),
        prefix: this.config.redis.queuePrefix,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: { age: 86_400, count: 10_000 },
          removeOnFail: { age: 7 * 86_400 },
          ...defaultJobOptions,
        },
      });
      queue.on('error', () => undefined); // connection errors are logged once by RedisConnections
      this.queues.set(name, queue);
    }
    return queue as Queue<Data>;
  }

  defineWorker(name: string, processor: Processor, options: WorkerDefinition['options'] = {}): void {
    if (this.definitions.has(name)) throw new Error(`A worker for queue "${name}" is already defined`);
    this.definitions.set(name, { processor, options });
  }

  get runsWorkers(): boolean {
    return this.config.processRole !== 'api';
  }

  onApplicationBootstrap(): void {
    if (!this.runsWorkers) return;
    for (const [name, { processor, options }] of this.definitions) {
      const worker = new Worker(name, processor, {
        connection: this.redis.create(`worker:${name}`),
        prefix: this.config.redis.queuePrefix,
        ...options,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: error.message },
          'job failed',
        ),
      );
      worker.on('error', () => undefined);
      this.workers.push(worker);
    }
    if (this.workers.length) this.logger.info({ queues: [...this.definitions.keys()] }, 'job workers started');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
