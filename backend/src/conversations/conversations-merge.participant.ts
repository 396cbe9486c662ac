import { Injectable } from '@nestjs/common';
import { ContactMergeRegistry } from '../contacts/contact-merge.registry.js';
import type { DatabaseExecutor } from '../database/database-connection.js';
import { ConversationsRepository } from './conversations.repository.js';

/** Conversations follow a contact merge: the duplicate's threads move to the survivor in the merge transaction. */
@Injectable()
export class ConversationsMergeParticipant {
  readonly name = 'conversations';

  constructor(
    registry: ContactMergeRegistry,
    private readonly conversations: ConversationsRepository,
  ) {
    registry.register(this);
  }

  reassignContact(tx: DatabaseExecutor, fromContactId: string, toContactId: string): Promise<void> {
    return this.conversations.reassignContact(tx, fromContactId, toContactId);
  }
}
