import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditService } from '../audit/audit.service.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { AutomationTimers } from './automation-timers.js';
import { AutomationRepository } from './automation.repository.js';
import type { automationRules } from './automation.schema.js';

/**
 * Rules every installation starts with (admins edit or switch them off; they cannot be deleted, so they are not
 * re-created). "A social message creates a consult task" is not among them: the inbound-message transaction already
 * opens the consult task atomically with the card (CrmBridge.ensureConsultTask), and a rule would only duplicate it.
 */
export const BUILT_IN_RULES: (typeof automationRules.$inferInsert)[] = [
  {
    builtInKey: 'stuck-card-reminds-owner',
    name: 'Card stuck in a stage reminds its owner',
    description:
      'When a card stays in a stage longer than the stage’s "stale after" hours, its responsible is notified, then reminded every 24 hours (up to 3 times) until the card moves.',
    trigger: 'card.stuck_in_stage',
    triggerParams: { repeatEveryHours: 24, maxRepeats: 3 },
    conditions: { field: 'card.status', op: 'eq', value: 'active' },
    actions: [
      {
        type: 'notify',
        params: {
          recipients: { responsible: true },
          kind: 'card_stuck',
          title: 'Card "{{card.title}}" is waiting in {{stage.name}}',
          body: '{{contact.displayName}}: the card has been in {{stage.name}} for {{stage.hours}} h (reminder {{reminder.number}}). Move it on or plan the next step.',
        },
      },
    ],
  },
  {
    builtInKey: 'overdue-task-notifies-assignee',
    name: 'Overdue task notifies its assignee',
    description: 'When an open task passes its due time, its assignee is notified.',
    trigger: 'task.overdue',
    triggerParams: {},
    conditions: null,
    actions: [
      {
        type: 'notify',
        params: {
          recipients: { taskAssignee: true },
          kind: 'task_overdue',
          title: 'Task overdue: {{task.title}}',
          body: 'It was due at {{task.dueAt}}.',
        },
      },
    ],
  },
];

@Injectable()
export class AutomationDefaultsSeed implements OnApplicationBootstrap {
  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly repository: AutomationRepository,
    private readonly timers: AutomationTimers,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const values of BUILT_IN_RULES) {
      const rule = await this.db.transaction(async (tx) => {
        const row = await this.repository.insertBuiltInRule(tx, values);
        if (row)
          await this.audit.record(
            {
              action: 'create',
              entityType: 'automation_rule',
              entityId: row.id,
              after: row,
              actor: { userId: null, label: 'system:seed' },
            },
            tx,
          );
        return row;
      });
      if (rule) {
        this.logger.info({ ruleId: rule.id, key: rule.builtInKey }, 'built-in automation rule seeded');
        await this.timers
          .backfill(rule)
          .catch((error: Error) =>
            this.logger.warn({ err: error.message }, 'stuck timers not scheduled for existing cards'),
          );
      }
    }
  }
}
