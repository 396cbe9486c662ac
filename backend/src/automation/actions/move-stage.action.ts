import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ConsultationCardsService } from '../../consultations/consultation-cards.service.js';
import { AutomationActionRegistry, type ActionContext, type AutomationAction } from '../automation-action.registry.js';
import { AUTOMATION_VIEWER } from '../automation-actor.js';
import { AutomationRepository } from '../automation.repository.js';

const params = z.strictObject({ stageId: z.uuid() });
type Params = z.infer<typeof params>;

/**
 * Moves the card to a stage (of its pipeline or another one) through ConsultationCardsService, so the stage's required
 * fields are enforced: a card missing them stays and the run records which fields are missing.
 */
@Injectable()
export class MoveStageAction implements AutomationAction<Params> {
  readonly type = 'move_stage';
  readonly description = 'Move the card to a stage';
  readonly params = params;
  readonly needs = ['card'] as const;

  constructor(
    registry: AutomationActionRegistry,
    private readonly cards: ConsultationCardsService,
    private readonly repository: AutomationRepository,
  ) {
    registry.register(this);
  }

  async validate(p: Params): Promise<Record<string, string>> {
    return (await this.repository.stage(p.stageId)) ? {} : { stageId: 'No such stage.' };
  }

  async run(p: Params, { facts }: ActionContext) {
    const card = facts.card!;
    const stage = await this.repository.stage(p.stageId);
    if (!stage) throw new Error('The target stage was deleted; edit the rule.');
    if (card.stageId === stage.id) return { stageId: stage.id, unchanged: true };
    await this.cards.update(card.id, { stageId: stage.id, pipelineId: stage.pipelineId }, AUTOMATION_VIEWER);
    return { fromStageId: card.stageId, stageId: stage.id };
  }
}
