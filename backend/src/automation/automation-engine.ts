import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { DOMAIN_EVENT_TYPES, type DomainEvent } from '../domain-events/domain-event-types.js';
import { DomainEvents } from '../domain-events/domain-events.service.js';
import type { Facts } from './automation-facts.js';
import { AutomationFactsLoader } from './automation-facts.loader.js';
import { AutomationRuleRunner } from './automation-rule-runner.js';
import { AutomationTimers } from './automation-timers.js';
import { triggerOf, triggersFiredBy } from './automation-triggers.js';
import { AutomationRepository } from './automation.repository.js';

/**
 * Subscribes to every domain event: runs the active rules its trigger fires (each at most once per event), and for
 * `card.stage_entered` schedules the "stuck in stage" timers of matching rules.
 */
@Injectable()
export class AutomationEngine implements OnModuleInit {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly events: DomainEvents,
    private readonly repository: AutomationRepository,
    private readonly facts: AutomationFactsLoader,
    private readonly runner: AutomationRuleRunner,
    private readonly timers: AutomationTimers,
  ) {}

  onModuleInit(): void {
    this.events.subscribe('automation', DOMAIN_EVENT_TYPES, (event) => this.handle(event));
  }

  async handle(event: DomainEvent): Promise<void> {
    const rules = await this.repository.activeRules([
      ...triggersFiredBy(event.type),
      ...(event.type === 'card.stage_entered' ? (['card.stuck_in_stage'] as const) : []),
    ]);
    let facts: Facts | undefined;
    for (const rule of rules) {
      if (!triggerOf(rule.trigger).matches(rule.triggerParams, event)) continue;
      if (rule.trigger === 'card.stuck_in_stage' && event.type === 'card.stage_entered') {
        await this.timers.scheduleFirst(rule, {
          cardId: event.data.cardId,
          stageId: event.data.stageId,
          enteredAt: new Date(event.data.enteredAt),
        });
        continue;
      }
      facts ??= await this.facts.forEvent(event);
      await this.runner.run(rule, facts, {
        idempotencyKey: `event:${event.id}`,
        eventType: event.type,
        eventRef: String(event.id),
        causation: event.causation,
      });
    }
    if (rules.length)
      this.logger.debug({ eventId: event.id, type: event.type, rules: rules.length }, 'automation rules checked');
  }
}
