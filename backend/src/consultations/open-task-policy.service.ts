import { Injectable } from '@nestjs/common';
import type { CardViewer } from './card-viewer.js';
import { ConsultationsRepository } from './consultations.repository.js';
import type { ConsultationCardRow } from './consultations.schema.js';

/**
 * Policy "an active card always has an open task". Closing a card's last open task without a next one is allowed
 * but puts the card in this report; a closed card (won/lost stage) needs no task.
 */
@Injectable()
export class OpenTaskPolicyService {
  constructor(private readonly repository: ConsultationsRepository) {}

  /** The violations report; with a viewer, limited to the cards that viewer may see (dashboards may omit it). */
  cardsWithoutOpenTask(
    filter: { responsibleUserId?: string; departmentId?: string } = {},
    viewer?: CardViewer,
  ): Promise<ConsultationCardRow[]> {
    return this.repository.withoutOpenTask(filter, viewer);
  }

  /** A consultant's own active cards without an open task: the desk blocks work until each has one. */
  workBlockers(userId: string): Promise<ConsultationCardRow[]> {
    return this.repository.withoutOpenTask({ responsibleUserId: userId });
  }
}
