import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ApiError } from '../common/api-error.js';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { TimelineService, type TimelinePage } from '../timeline/timeline.service.js';
import type { CardViewer } from './card-viewer.js';
import { ConsultationCardsService } from './consultation-cards.service.js';
import { ConsultationsRepository } from './consultations.repository.js';
import type { NoteRow } from './consultations.schema.js';

const SUMMARY_LENGTH = 500;

/** Notes on cards and contacts, and the card's timeline feed. */
@Injectable()
export class CardNotesService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: ConsultationsRepository,
    private readonly cards: ConsultationCardsService,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
  ) {}

  async addToCard(cardId: string, body: string, viewer: CardViewer): Promise<NoteRow> {
    return this.db.transaction(async (tx) => {
      const card = await this.cards.getVisible(cardId, viewer, tx);
      return this.add(tx, { contactId: card.contactId, cardId: card.id, body, authorUserId: viewer.id });
    });
  }

  async addToContact(contactId: string, body: string, viewer: CardViewer): Promise<NoteRow> {
    return this.db.transaction(async (tx) => {
      if (!(await this.repository.contactExists(contactId, tx))) throw ApiError.notFound('Contact', contactId);
      return this.add(tx, { contactId, cardId: null, body, authorUserId: viewer.id });
    });
  }

  async cardTimeline(
    cardId: string,
    viewer: CardViewer,
    cursor: string | undefined,
    limit: number,
  ): Promise<TimelinePage> {
    await this.cards.getVisible(cardId, viewer);
    return this.timeline.feed({ cardId }, cursor, limit);
  }

  private async add(tx: DatabaseExecutor, values: Omit<NoteRow, 'id' | 'createdAt'>): Promise<NoteRow> {
    const note = await this.repository.insertNote(tx, values);
    await this.audit.record({ action: 'create', entityType: 'note', entityId: note.id, after: note }, tx);
    await this.timeline.append(tx, {
      kind: 'note',
      contactId: note.contactId,
      cardId: note.cardId,
      occurredAt: note.createdAt,
      refType: 'note',
      refId: note.id,
      summary: { text: note.body.length > SUMMARY_LENGTH ? `${note.body.slice(0, SUMMARY_LENGTH)}…` : note.body },
    });
    return note;
  }
}
