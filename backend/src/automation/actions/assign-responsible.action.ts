import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ConsultationCardsService } from '../../consultations/consultation-cards.service.js';
import { AutomationActionRegistry, type ActionContext, type AutomationAction } from '../automation-action.registry.js';
import { AUTOMATION_VIEWER } from '../automation-actor.js';
import { AssigneeResolver, assigneeSpec } from './assignee-spec.js';

const params = z.strictObject({
  assignee: assigneeSpec.refine((a) => a.mode !== 'responsible', 'Choose a user or round robin.'),
});
type Params = z.infer<typeof params>;

/** Makes a user (or the next consultant in the round) responsible for the card. */
@Injectable()
export class AssignResponsibleAction implements AutomationAction<Params> {
  readonly type = 'assign_responsible';
  readonly description = 'Assign the card to a user or the next consultant in turn';
  readonly params = params;
  readonly needs = ['card'] as const;

  constructor(
    registry: AutomationActionRegistry,
    private readonly cards: ConsultationCardsService,
    private readonly assignees: AssigneeResolver,
  ) {
    registry.register(this);
  }

  validate(p: Params) {
    return this.assignees.validate(p.assignee, 'assignee');
  }

  async run(p: Params, context: ActionContext) {
    const card = context.facts.card!;
    const userId = await this.assignees.resolve(p.assignee, context);
    if (!userId) throw new Error('No active consultant to assign the card to.');
    if (userId !== card.responsibleUserId)
      await this.cards.update(card.id, { responsibleUserId: userId }, AUTOMATION_VIEWER);
    return { responsibleUserId: userId, previous: card.responsibleUserId };
  }
}
