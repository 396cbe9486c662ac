import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';

/** A card arrived in a stage (created in it or moved to it); sent after the change is committed. */
export type CardEnteredStage = {
  cardId: string;
  contactId: string;
  pipelineId: string;
  stageId: string;
  fromStageId: string | null;
  at: Date;
  byUserId: string | null;
};

export type CardStageListener = (event: CardEnteredStage) => Promise<void>;

/**
 * Other domains react to stage changes here without the cards service knowing them (Mailchimp auto-subscribe; the
 * automation engine can register its stage triggers the same way). Listeners run after the commit, one after the
 * other; a failing listener is logged and never undoes or blocks the move.
 */
@Injectable()
export class CardStageListeners {
  private readonly listeners: { name: string; listener: CardStageListener }[] = [];

  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  register(name: string, listener: CardStageListener): void {
    this.listeners.push({ name, listener });
  }

  async cardEnteredStage(event: CardEnteredStage): Promise<void> {
    for (const { name, listener } of this.listeners) {
      await listener(event).catch((error: Error) =>
        this.logger.warn(
          { listener: name, cardId: event.cardId, stageId: event.stageId, err: error.message },
          'card stage listener failed',
        ),
      );
    }
  }
}
