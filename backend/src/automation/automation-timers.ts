import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JobQueues } from '../queues/job-queues.js';
import { AutomationFactsLoader } from './automation-facts.loader.js';
import { AutomationRuleRunner } from './automation-rule-runner.js';
import { triggerOf } from './automation-triggers.js';
import { AutomationRepository } from './automation.repository.js';
import type { AutomationRuleRow } from './automation.schema.js';

export const AUTOMATION_TIMERS_QUEUE = 'automation-timers';

/** One "stuck in stage" firing: rule, card, the stay (stage + when it was entered) and which reminder this is. */
export type StuckTimerData = { ruleId: string; cardId: string; stageId: string; enteredAt: string; occurrence: number };
type StuckParams = {
  afterHours?: number;
  repeatEveryHours?: number;
  maxRepeats: number;
  pipelineIds?: string[];
  stageIds?: string[];
};

/** Cards already in a stage when a stuck rule is saved get their timers too, up to this many per save. */
const BACKFILL_LIMIT = 5_000;

/**
 * "Stuck in stage for N hours" and its reminders as BullMQ delayed jobs (stored in Redis, so they survive restarts),
 * one per rule + card + stay + occurrence (the job id dedupes). A firing whose card has left the stay is ignored;
 * otherwise the rule runs (idempotent on the same key) and the next reminder is scheduled until `maxRepeats`.
 */
@Injectable()
export class AutomationTimers implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly jobs: JobQueues,
    private readonly repository: AutomationRepository,
    private readonly facts: AutomationFactsLoader,
    private readonly runner: AutomationRuleRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.defineWorker(AUTOMATION_TIMERS_QUEUE, (job: Job<StuckTimerData>) => this.fire(job), { concurrency: 4 });
  }

  /** Schedules the first firing of `rule` for a card that entered `stageId` at `enteredAt`; false when the stage has no threshold. */
  async scheduleFirst(
    rule: AutomationRuleRow,
    stay: { cardId: string; stageId: string; enteredAt: Date },
  ): Promise<boolean> {
    const params = rule.triggerParams as StuckParams;
    const stage = await this.repository.stage(stay.stageId);
    const hours = params.afterHours ?? stage?.staleAfterHours ?? null;
    if (!stage || stage.kind !== 'open' || hours === null) return false;
    const dueAt = stay.enteredAt.getTime() + hours * this.config.automation.hourMs;
    await this.schedule(
      {
        ruleId: rule.id,
        cardId: stay.cardId,
        stageId: stay.stageId,
        enteredAt: stay.enteredAt.toISOString(),
        occurrence: 1,
      },
      dueAt,
    );
    return true;
  }

  /** Timers for the open cards already sitting in the rule's stages (on save of an active stuck rule). */
  async backfill(rule: AutomationRuleRow): Promise<number> {
    if (!rule.active || rule.trigger !== 'card.stuck_in_stage') return 0;
    const params = rule.triggerParams as StuckParams;
    const stages = await this.repository.stagesOf({ pipelineIds: params.pipelineIds, stageIds: params.stageIds });
    let scheduled = 0;
    for (const card of await this.repository.openCardsIn(
      stages.map((s) => s.id),
      BACKFILL_LIMIT,
    ))
      if (await this.scheduleFirst(rule, { cardId: card.id, stageId: card.stageId, enteredAt: card.stageEnteredAt }))
        scheduled++;
    return scheduled;
  }

  async fire(job: Job<StuckTimerData>): Promise<string> {
    const { ruleId, cardId, stageId, enteredAt, occurrence } = job.data;
    const rule = await this.repository.findRule(ruleId);
    if (!rule?.active || rule.trigger !== 'card.stuck_in_stage') return 'rule inactive';
    const card = await this.repository.card(cardId);
    if (
      !card ||
      card.stageId !== stageId ||
      card.stageEnteredAt.getTime() !== Date.parse(enteredAt) ||
      card.status !== 'active'
    ) {
      this.logger.debug({ ruleId, cardId, stageId }, 'stuck timer ignored: the card left the stage');
      return 'card left the stage';
    }
    const params = triggerOf('card.stuck_in_stage').params.parse(rule.triggerParams) as StuckParams;
    const facts = await this.facts.forCard(card.id, card.contactId);
    if (facts.stage)
      facts.stage.hours =
        Math.round(((Date.now() - card.stageEnteredAt.getTime()) / this.config.automation.hourMs) * 10) / 10;
    facts.reminder = { number: occurrence };
    const key = `stuck:${cardId}:${stageId}:${Date.parse(enteredAt)}:${occurrence}`;
    const outcome = await this.runner.run(rule, facts, {
      idempotencyKey: key,
      eventType: 'card.stuck_in_stage',
      eventRef: String(job.id),
      causation: { depth: 0, ruleIds: [] },
    });
    if (params.repeatEveryHours && occurrence <= params.maxRepeats)
      await this.schedule(
        { ...job.data, occurrence: occurrence + 1 },
        Date.now() + params.repeatEveryHours * this.config.automation.hourMs,
      );
    return typeof outcome === 'string' ? outcome : outcome.status;
  }

  private async schedule(data: StuckTimerData, dueAt: number): Promise<void> {
    const jobId = ['stuck', data.ruleId, data.cardId, data.stageId, Date.parse(data.enteredAt), data.occurrence].join(
      '_',
    );
    await this.jobs.queue<StuckTimerData>(AUTOMATION_TIMERS_QUEUE).add('card.stuck_in_stage', data, {
      jobId,
      delay: Math.max(0, dueAt - Date.now()),
      removeOnComplete: { age: 7 * 86_400 },
    });
  }
}
