import { Injectable } from '@nestjs/common';
import { desc, eq } from 'drizzle-orm';
import type { Database, DatabaseExecutor } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { cardFiles, type CardFileRow } from './card-files.schema.js';

@Injectable()
export class CardFilesRepository {
  constructor(@InjectDatabase() private readonly db: Database) {}

  async insert(row: typeof cardFiles.$inferInsert, tx: DatabaseExecutor = this.db): Promise<CardFileRow> {
    const [inserted] = await tx.insert(cardFiles).values(row).returning();
    return inserted;
  }

  async findById(id: string): Promise<CardFileRow | undefined> {
    const [row] = await this.db.select().from(cardFiles).where(eq(cardFiles.id, id)).limit(1);
    return row;
  }

  /** Newest first. */
  listOfCard(cardId: string): Promise<CardFileRow[]> {
    return this.db.select().from(cardFiles).where(eq(cardFiles.cardId, cardId)).orderBy(desc(cardFiles.createdAt));
  }
}
