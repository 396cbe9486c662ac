import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { Facts } from './automation-facts.js';
import type { FactGroup } from './automation-triggers.js';
import type { AutomationRuleRow } from './automation.schema.js';

/** What an action is given when its rule fires. */
export type ActionContext = {
  rule: AutomationRuleRow;
  /** Position of the action in the rule (round-robin state is kept per rule and position). */
  actionIndex: number;
  facts: Facts;
  /** The run's idempotency key (unique per rule and event or timer occurrence). */
  runKey: string;
};

/**
 * One thing a rule can do. An implementation is one file that registers itself with `AutomationActionRegistry` in
 * its constructor and one line in the providers of a module that imports AutomationModule (see docs/automation.md).
 * `run` throws to fail: the message is stored on the rule run.
 */
export interface AutomationAction<Params = Record<string, unknown>> {
  readonly type: string;
  readonly description: string;
  /** Validates the params when a rule is saved (errors are reported as `actions.<i>.params.<field>`). */
  readonly params: z.ZodType<Params>;
  /** Fact groups the action needs (the rule is refused for triggers that do not provide them). */
  readonly needs: readonly FactGroup[];
  /** Extra checks against the database at save time (a stage exists…): field → message. */
  validate?(params: Params): Promise<Record<string, string>>;
  run(params: Params, context: ActionContext): Promise<Record<string, unknown> | void>;
}

@Injectable()
export class AutomationActionRegistry {
  private readonly actions = new Map<string, AutomationAction>();

  register<Params>(action: AutomationAction<Params>): void {
    if (this.actions.has(action.type)) throw new Error(`Automation action "${action.type}" is registered twice`);
    this.actions.set(action.type, action as unknown as AutomationAction);
  }

  get(type: string): AutomationAction | undefined {
    return this.actions.get(type);
  }

  all(): AutomationAction[] {
    return [...this.actions.values()];
  }
}
