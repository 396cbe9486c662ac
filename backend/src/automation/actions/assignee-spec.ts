import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { ActionContext } from '../automation-action.registry.js';
import { AutomationRepository } from '../automation.repository.js';

/** Who gets a task or a card: the card's (or contact's) responsible, a named user, or the next consultant in a round. */
export const assigneeSpec = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('responsible') }),
  z.strictObject({ mode: z.literal('user'), userId: z.uuid() }),
  /** Consultants of `departmentId` (default: the card's department; null: everyone) in turn. */
  z.strictObject({ mode: z.literal('round_robin'), departmentId: z.uuid().nullable().optional() }),
]);
export type AssigneeSpec = z.infer<typeof assigneeSpec>;

@Injectable()
export class AssigneeResolver {
  constructor(private readonly repository: AutomationRepository) {}

  async validate(spec: AssigneeSpec | undefined, field: string): Promise<Record<string, string>> {
    if (spec?.mode === 'user' && !(await this.repository.userExists(spec.userId)))
      return { [`${field}.userId`]: 'No such user.' };
    return {};
  }

  async resolve(spec: AssigneeSpec, context: ActionContext): Promise<string | null> {
    const { facts } = context;
    if (spec.mode === 'user') return spec.userId;
    if (spec.mode === 'responsible')
      return facts.task?.assigneeUserId ?? facts.card?.responsibleUserId ?? facts.contact?.responsibleUserId ?? null;
    const departmentId = spec.departmentId === undefined ? (facts.card?.departmentId ?? null) : spec.departmentId;
    const candidates = await this.repository.activeConsultantIds(departmentId);
    return this.repository.nextInRound(context.rule.id, context.actionIndex, candidates);
  }
}
