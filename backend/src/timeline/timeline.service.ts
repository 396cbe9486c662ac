import { Injectable } from '@nestjs/common';
import { requestContext } from '../common/request-context.js';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { TimelineRepository, type TimelineCursor } from './timeline.repository.js';
import type { TimelineEntryRow, TimelineKind } from './timeline.schema.js';

export type TimelineEvent = {
  kind: TimelineKind;
  contactId?: string | null;
  cardId?: string | null;
  occurredAt?: Date;
  actorUserId?: string | null;
  refType?: string;
  refId?: string;
  summary?: Record<string, unknown>;
};

export type TimelinePage = { items: TimelineEntryRow[]; nextCursor: string | null };

/** Every domain appends what happened to a contact or card here, inside the transaction of the change. */
@Injectable()
export class TimelineService {
  constructor(private readonly repository: TimelineRepository) {}

  async append(tx: DatabaseExecutor, event: TimelineEvent): Promise<void> {
    await this.repository.insert(tx, entryOf(event));
  }

  /** Several events in one statement (e.g. the contacts a burst of calls created). */
  async appendMany(tx: DatabaseExecutor, events: TimelineEvent[]): Promise<void> {
    await this.repository.insertMany(tx, events.map(entryOf));
  }

  async feed(
    owner: { contactId?: string; cardId?: string },
    cursor: string | undefined,
    limit = 50,
  ): Promise<TimelinePage> {
    const items = await this.repository.page(owner, decodeCursor(cursor), limit + 1);
    const hasMore = items.length > limit;
    const page = items.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: hasMore && last ? encodeCursor({ occurredAt: last.occurredAt, id: last.id }) : null,
    };
  }

  reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    return this.repository.reassignContact(tx, fromContactId, toContactId);
  }
}

function entryOf(event: TimelineEvent) {
  return {
    kind: event.kind,
    contactId: event.contactId ?? null,
    cardId: event.cardId ?? null,
    occurredAt: event.occurredAt ?? new Date(),
    actorUserId: event.actorUserId === undefined ? (requestContext.current()?.user?.id ?? null) : event.actorUserId,
    refType: event.refType ?? null,
    refId: event.refId ?? null,
    summary: event.summary ?? {},
  };
}

function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(`${cursor.occurredAt.toISOString()}|${cursor.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): TimelineCursor | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const occurredAt = new Date(at);
  return Number.isNaN(occurredAt.getTime()) || !Number(id) ? undefined : { occurredAt, id: Number(id) };
}
