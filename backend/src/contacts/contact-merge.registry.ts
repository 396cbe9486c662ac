import { Injectable } from '@nestjs/common';
import type { DatabaseExecutor } from '../database/database-connection.js';

/**
 * A domain that references contacts by contact_id (cards, tasks, conversations, calls…) and must follow a merge:
 * `reassignContact` moves its rows from the duplicate to the survivor inside the merge transaction.
 */
export interface ContactMergeParticipant {
  /** Shown in logs and the merge audit entry. */
  readonly name: string;
  reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void>;
}

/** Domains register here (in their service constructor); a contact merge calls every participant in its transaction. */
@Injectable()
export class ContactMergeRegistry {
  private readonly participants: ContactMergeParticipant[] = [];

  register(participant: ContactMergeParticipant): void {
    if (!this.participants.some((p) => p.name === participant.name)) this.participants.push(participant);
  }

  all(): readonly ContactMergeParticipant[] {
    return this.participants;
  }
}
