import { Injectable } from '@nestjs/common';
import type { SQL } from 'drizzle-orm';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import { requestContext } from '../common/request-context.js';
import type { ContactView } from '../contacts/contact-view.js';
import { ContactsService } from '../contacts/contacts.service.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { isStillReferenced, isUniqueViolation } from '../database/postgres-errors.js';
import { SegmentFilterCompiler } from './segment-filter.compiler.js';
import type { SegmentFilter } from './segment-filter.js';
import type { CreateSegmentDto, UpdateSegmentDto } from './segments.dto.js';
import { SegmentsRepository } from './segments.repository.js';
import type { SegmentRow } from './segments.schema.js';

/** Saved segments; campaigns call `resolveContactIds` / `streamContacts`. */
@Injectable()
export class SegmentsService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly segments: SegmentsRepository,
    private readonly compiler: SegmentFilterCompiler,
    private readonly contacts: ContactsService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<SegmentRow[]> {
    return this.segments.list();
  }

  async get(id: string): Promise<SegmentRow> {
    const row = await this.segments.findById(id);
    if (!row) throw ApiError.notFound('Segment', id);
    return row;
  }

  async create(dto: CreateSegmentDto): Promise<SegmentRow> {
    const filter = this.compiler.parse(dto.filter);
    return this.writing(dto.name, async (tx) => {
      const row = await this.segments.insert(tx, {
        name: dto.name,
        description: dto.description ?? null,
        filter,
        createdById: requestContext.current()?.user?.id ?? null,
      });
      await this.audit.record({ action: 'create', entityType: 'segment', entityId: row.id, after: row }, tx);
      return row;
    });
  }

  async update(id: string, dto: UpdateSegmentDto): Promise<SegmentRow> {
    const filter = dto.filter === undefined ? undefined : this.compiler.parse(dto.filter);
    return this.writing(dto.name, async (tx) => {
      const before = await this.segments.findById(id, tx);
      if (!before) throw ApiError.notFound('Segment', id);
      const row = await this.segments.update(tx, id, {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.description !== undefined ? { description: dto.description } : {}),
        ...(filter ? { filter } : {}),
      });
      await this.audit.record({ action: 'update', entityType: 'segment', entityId: id, before, after: row }, tx);
      return row;
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.segments.findById(id, tx);
      if (!before) throw ApiError.notFound('Segment', id);
      try {
        await this.segments.delete(tx, id);
      } catch (error) {
        if (isStillReferenced(error))
          throw ApiError.conflict(
            'segment_in_use',
            'A campaign was sent to this segment, so it is kept for its report; rename it instead of deleting it.',
          );
        throw error;
      }
      await this.audit.record({ action: 'delete', entityType: 'segment', entityId: id, before }, tx);
    });
  }

  async contactsPage(
    id: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: ContactView[]; nextCursor: string | null }> {
    const condition = this.compiler.compile((await this.get(id)).filter);
    const rows = await this.segments.contactsPage(condition, cursor, limit + 1);
    const page = rows.slice(0, limit);
    return { items: await this.contacts.views(page), nextCursor: rows.length > limit ? page.at(-1)!.id : null };
  }

  async count(id: string): Promise<{ count: number }> {
    return { count: await this.segments.count(this.compiler.compile((await this.get(id)).filter)) };
  }

  /** How many contacts an unsaved filter selects (the segment editor's live preview). */
  async preview(filterInput: unknown): Promise<{ count: number; filter: SegmentFilter }> {
    const filter = this.compiler.parse(filterInput);
    return { count: await this.segments.count(this.compiler.compile(filter)), filter };
  }

  /** The SQL condition on `contacts` selecting the segment's contacts (other domains filter by a segment). */
  async contactCondition(segmentId: string): Promise<SQL> {
    return this.compiler.compile((await this.get(segmentId)).filter);
  }

  /** Every contact id of the segment now (campaign audiences). */
  async resolveContactIds(segmentId: string): Promise<string[]> {
    return this.segments.contactIds(this.compiler.compile((await this.get(segmentId)).filter));
  }

  /** The segment's contacts with phones, batch by batch in id order (large campaigns without loading everyone). */
  async *streamContacts(segmentId: string, batchSize = 1000): AsyncGenerator<ContactView[]> {
    const condition = this.compiler.compile((await this.get(segmentId)).filter);
    let afterId: string | undefined;
    for (;;) {
      const rows = await this.segments.contactsPage(condition, afterId, batchSize);
      if (!rows.length) return;
      yield await this.contacts.views(rows);
      if (rows.length < batchSize) return;
      afterId = rows.at(-1)!.id;
    }
  }

  private async writing<T>(name: string | undefined, work: (tx: DatabaseExecutor) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'segments_name_key'))
        throw ApiError.conflict('segment_name_taken', `A segment named "${name}" already exists; pick another name.`);
      throw error;
    }
  }
}
