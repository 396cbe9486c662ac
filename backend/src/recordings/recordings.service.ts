import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import type { CallRow } from '../calls/calls.schema.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { OBJECT_STORE, type ObjectStore } from './object-store.js';
import { RecordingSource } from './recording-source.js';
import { RecordingsRepository } from './recordings.repository.js';

export const RECORDING_FETCH_QUEUE = 'recording-fetch';
export const RECORDING_MAINTENANCE_QUEUE = 'recording-maintenance';
const RETENTION_ACTOR = { userId: null, label: 'system:recording-retention' };
const FETCH_ACTOR = { userId: null, label: 'system:recording-fetch' };
/** A reported recording not stored after this long is re-enqueued by the sweeper. */
const SWEEP_AFTER_MS = 2 * 60_000;

export type RecordingRef = { pbx: string; fileName?: string; url?: string; durationSeconds?: number };

/**
 * Recordings lifecycle. The PBX reports a recording → a row (storedAt null) and, after that insert committed, a
 * BullMQ fetch job with retries copies the file into the object store. If Redis or the PBX is unreachable the row
 * stays unfetched and a periodic sweeper (every 5 min) re-enqueues it, so nothing is lost. A daily job deletes files
 * past their retention date and marks the rows deleted, audited as a system actor.
 */
@Injectable()
export class RecordingsService implements OnModuleInit, OnApplicationBootstrap {
  private readonly source: RecordingSource;

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(OBJECT_STORE) readonly store: ObjectStore,
    private readonly repository: RecordingsRepository,
    private readonly audit: AuditService,
    private readonly queues: JobQueues,
  ) {
    this.source = new RecordingSource(config);
  }

  onModuleInit(): void {
    this.queues.defineWorker(RECORDING_FETCH_QUEUE, (job: Job<{ recordingId: string }>) =>
      this.fetchAndStore(job.data.recordingId),
    );
    this.queues.defineWorker(RECORDING_MAINTENANCE_QUEUE, async (job: Job) =>
      job.name === 'retention' ? this.runRetention() : this.sweepUnfetched(),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queues.runsWorkers) return;
    const maintenance = this.queues.queue(RECORDING_MAINTENANCE_QUEUE);
    await Promise.all([
      maintenance.upsertJobScheduler(
        'recording-retention-daily',
        { pattern: '30 3 * * *', tz: this.config.locale.timeZone },
        { name: 'retention' },
      ),
      maintenance.upsertJobScheduler('recording-sweep', { every: 5 * 60_000 }, { name: 'sweep' }),
    ]).catch((error: Error) =>
      this.logger.warn({ err: error.message }, 'could not schedule recording maintenance jobs'),
    );
  }

  /** Records that a call has a recording and queues its fetch; true the first time it is reported. */
  async register(call: CallRow, ref: RecordingRef): Promise<boolean> {
    if (!ref.fileName && !ref.url) return false;
    const row = await this.repository.insertIfAbsent({
      callId: call.id,
      pbx: ref.pbx,
      fileName: ref.fileName ?? null,
      sourceUrl: ref.url ?? null,
      durationSeconds: ref.durationSeconds ?? call.talkSeconds ?? null,
      expiresAt: new Date(call.startedAt.getTime() + this.config.recordings.retentionDays * 86_400_000),
    });
    if (!row) return false;
    await this.enqueueFetch(row.id, 'first').catch((error: Error) =>
      this.logger.warn(
        { recordingId: row.id, err: error.message },
        'recording fetch not queued; the sweeper will retry',
      ),
    );
    return true;
  }

  private enqueueFetch(recordingId: string, round: string) {
    return this.queues
      .queue(RECORDING_FETCH_QUEUE, { attempts: 8, backoff: { type: 'exponential', delay: 5_000 } })
      .add('fetch', { recordingId }, { jobId: `rec-${recordingId}-${round}` });
  }

  /** Copies one recording into the store (idempotent: a stored or deleted recording is left alone). */
  async fetchAndStore(recordingId: string): Promise<'stored' | 'skipped'> {
    const row = await this.repository.findById(recordingId);
    if (!row || row.storedAt || row.deletedAt) return 'skipped';
    try {
      const opened = await this.source.open(row);
      const at = row.createdAt;
      const key = `recordings/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${row.callId}${opened.extension}`;
      const head = await this.store.put(key, opened.stream, { contentType: opened.contentType });
      await this.db.transaction(async (tx) => {
        const stored = await this.repository.markStored(tx, row.id, {
          storageKey: key,
          contentType: opened.contentType,
          sizeBytes: head.sizeBytes,
          durationSeconds: row.durationSeconds,
        });
        if (stored)
          await this.audit.record(
            {
              action: 'recording.stored',
              entityType: 'call_recording',
              entityId: row.id,
              after: { storageKey: key, sizeBytes: head.sizeBytes },
              actor: FETCH_ACTOR,
            },
            tx,
          );
      });
      this.logger.info(
        { recordingId, callId: row.callId, sizeBytes: head.sizeBytes, store: this.store.kind },
        'recording stored',
      );
      return 'stored';
    } catch (error) {
      await this.repository.markFetchFailed(row.id, (error as Error).message);
      throw error;
    }
  }

  async sweepUnfetched(now = new Date()): Promise<number> {
    const rows = await this.repository.unfetched(new Date(now.getTime() - SWEEP_AFTER_MS), 500);
    const round = `sweep${Math.floor(now.getTime() / 60_000)}`;
    for (const row of rows) await this.enqueueFetch(row.id, round);
    return rows.length;
  }

  /** Deletes expired recordings' files and marks their rows deleted; returns how many. */
  async runRetention(now = new Date()): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.repository.expired(now, 200);
      if (!batch.length) return deleted;
      for (const row of batch) {
        if (row.storageKey) await this.store.delete(row.storageKey);
        await this.db.transaction(async (tx) => {
          await this.repository.markDeleted(tx, row.id, now);
          await this.audit.record(
            {
              action: 'recording.retention_deleted',
              entityType: 'call_recording',
              entityId: row.id,
              before: { callId: row.callId, storageKey: row.storageKey, expiresAt: row.expiresAt },
              actor: RETENTION_ACTOR,
            },
            tx,
          );
        });
        deleted++;
      }
    }
  }
}
