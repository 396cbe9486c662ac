import { Inject, Injectable } from '@nestjs/common';
import { extname } from 'node:path';
import type { Writable } from 'node:stream';
import archiver from 'archiver';
import { stringify } from 'csv-stringify/sync';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { OBJECT_STORE, type ObjectStore } from './object-store.js';
import { RecordingsRepository, type RecordingIndexRow } from './recordings.repository.js';

/** The longest period one archive may cover (at least a month must be allowed; a year keeps archives sane). */
export const MAX_ARCHIVE_DAYS = 366;

/** Bulk download: a ZIP of the period's recordings with index.csv, streamed entry by entry (constant memory). */
@Injectable()
export class RecordingsArchiveService {
  constructor(
    private readonly recordings: RecordingsRepository,
    @Inject(OBJECT_STORE) private readonly store: ObjectStore,
    private readonly audit: AuditService,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async prepare(from: Date, to: Date): Promise<RecordingIndexRow[]> {
    const rows = await this.recordings.indexBetween(from, to);
    await this.audit.record({
      action: 'recordings.download',
      entityType: 'call_recording',
      after: { from, to, count: rows.length },
    });
    return rows;
  }

  async write(rows: RecordingIndexRow[], output: Writable): Promise<void> {
    const archive = archiver('zip', { store: true });
    archive.on('warning', (error) => this.logger.warn({ err: error.message }, 'recordings archive warning'));
    const done = new Promise<void>((resolve, reject) => {
      output.on('close', resolve);
      output.on('finish', resolve);
      archive.on('error', reject);
    });
    archive.pipe(output);
    const named = rows.map((row) => ({ row, fileName: archiveFileName(row) }));
    archive.append(
      stringify(
        named.map(({ row, fileName }) => [
          row.callId,
          row.startedAt.toISOString(),
          row.fromNumber,
          row.contactName ?? '',
          row.consultant ?? '',
          row.durationSeconds ?? row.talkSeconds ?? '',
          fileName,
        ]),
        {
          header: true,
          columns: ['call_id', 'started_at', 'from', 'contact', 'consultant', 'duration_seconds', 'file'],
        },
      ),
      { name: 'index.csv' },
    );
    for (const { row, fileName } of named) {
      const stream = await this.store.get(row.storageKey);
      await new Promise<void>((resolve, reject) => {
        archive.once('entry', () => resolve());
        stream.once('error', reject);
        archive.append(stream, { name: fileName, date: row.startedAt });
      });
    }
    await archive.finalize();
    await done;
  }
}

function archiveFileName(row: RecordingIndexRow): string {
  const stamp = row.startedAt.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const number = row.fromNumber.replace(/[^\d+]/g, '') || 'unknown';
  return `${stamp}_${number}_${row.callId.slice(0, 8)}${extname(row.storageKey) || '.wav'}`;
}
