import { HttpException, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { causationContext } from '../domain-events/causation-context.js';
import { MAX_CAUSATION_DEPTH, type Causation } from '../domain-events/domain-event-types.js';
import { AutomationActionRegistry } from './automation-action.registry.js';
import { runAsRule } from './automation-actor.js';
import { evaluateConditions } from './automation-conditions.js';
import type { Facts } from './automation-facts.js';
import { AutomationRepository } from './automation.repository.js';
import type { ActionResult, AutomationRuleRow, AutomationRuleRunRow } from './automation.schema.js';

export type RunRequest = { idempotencyKey: string; eventType: string; eventRef: string; causation: Causation };
export type RunOutcome = 'not_matched' | 'duplicate' | AutomationRuleRunRow;

/**
 * Fires one rule for one event: conditions, loop guard, idempotency claim, then the actions in order. The first
 * failing action stops the run (later ones are `not_run`); the error is stored on the run, never lost. The results
 * are saved after each action, so a run cut by a crash shows what had completed (`AutomationRunRecovery`).
 */
@Injectable()
export class AutomationRuleRunner {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: AutomationRepository,
    private readonly registry: AutomationActionRegistry,
  ) {}

  async run(rule: AutomationRuleRow, facts: Facts, request: RunRequest): Promise<RunOutcome> {
    if (!evaluateConditions(rule.conditions, facts)) return 'not_matched';
    const base = {
      ruleId: rule.id,
      idempotencyKey: request.idempotencyKey,
      eventType: request.eventType,
      eventRef: request.eventRef,
      cardId: facts.card?.id ?? null,
      contactId: facts.contact?.id ?? null,
      depth: request.causation.depth,
    };
    const loop = this.loopGuard(rule, request.causation);
    if (loop) {
      const skipped = await this.repository.claimRun({
        ...base,
        status: 'skipped',
        error: loop,
        finishedAt: new Date(),
      });
      if (skipped)
        this.logger.warn(
          { ruleId: rule.id, depth: request.causation.depth },
          'automation rule skipped by the loop guard',
        );
      return skipped ?? 'duplicate';
    }
    const run = await this.repository.claimRun({ ...base, status: 'running' });
    if (!run) return 'duplicate';

    const causation: Causation = {
      depth: request.causation.depth + 1,
      ruleIds: [...request.causation.ruleIds, rule.id],
    };
    const results: ActionResult[] = [];
    let error: string | null = null;
    for (const [index, configured] of rule.actions.entries()) {
      if (error) {
        results.push({ type: configured.type, status: 'not_run' });
        continue;
      }
      const action = this.registry.get(configured.type);
      try {
        if (!action) throw new Error(`The action "${configured.type}" is not available on this server.`);
        const params = action.params.parse(configured.params);
        const detail = await causationContext.run(causation, () =>
          runAsRule(
            rule,
            async () =>
              (await action.run(params, { rule, actionIndex: index, facts, runKey: request.idempotencyKey })) ??
              undefined,
          ),
        );
        results.push({ type: configured.type, status: 'done', ...(detail ? { detail } : {}) });
      } catch (failure) {
        error = `Action ${index + 1} (${configured.type}): ${describe(failure)}`;
        results.push({ type: configured.type, status: 'failed', error: describe(failure) });
      }
      if (!error && index < rule.actions.length - 1) await this.repository.recordProgress(run.id, results);
    }
    const finished = await this.repository.finishRun(run.id, {
      status: error ? 'failed' : 'succeeded',
      actionResults: results,
      error,
    });
    this.logger.info(
      { ruleId: rule.id, runId: run.id, eventType: request.eventType, cardId: base.cardId, status: finished.status },
      'automation rule ran',
    );
    return finished;
  }

  private loopGuard(rule: AutomationRuleRow, causation: Causation): string | null {
    if (causation.ruleIds.includes(rule.id))
      return 'Not run: the event was caused by this rule’s own actions (loop guard).';
    if (causation.depth >= MAX_CAUSATION_DEPTH)
      return `Not run: ${causation.depth} rules in a row caused this event (loop guard, limit ${MAX_CAUSATION_DEPTH}).`;
    return null;
  }
}

/** The message a user can act on: an API error's message and field messages, or the error's text. */
function describe(error: unknown): string {
  if (error instanceof HttpException) {
    const body = error.getResponse() as { message?: string; fields?: Record<string, string> };
    const fields = body.fields ? Object.entries(body.fields).map(([k, v]) => `${k}: ${v}`) : [];
    return [body.message ?? error.message, ...fields].join(' ').slice(0, 1000);
  }
  return ((error as Error)?.message ?? String(error)).slice(0, 1000);
}
