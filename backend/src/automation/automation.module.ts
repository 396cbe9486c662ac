import { Module } from '@nestjs/common';
import { ConsultationsModule } from '../consultations/consultations.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { ConversationsModule } from '../conversations/conversations.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { AssigneeResolver } from './actions/assignee-spec.js';
import { AUTOMATION_ACTIONS } from './actions/index.js';
import { AutomationActionRegistry } from './automation-action.registry.js';
import { AutomationDefaultsSeed } from './automation-defaults.seed.js';
import { AutomationEngine } from './automation-engine.js';
import { AutomationFactsLoader } from './automation-facts.loader.js';
import { AutomationRuleRunner } from './automation-rule-runner.js';
import { AutomationRunRecovery } from './automation-run-recovery.js';
import { AutomationRulesService } from './automation-rules.service.js';
import { AutomationTimers } from './automation-timers.js';
import { AutomationController } from './automation.controller.js';
import { AutomationRepository } from './automation.repository.js';

/**
 * Automation rules: trigger (domain event or "stuck in stage" timer) → conditions → ordered actions. Exported:
 * `AutomationActionRegistry` (other domains register their actions) and `AutomationRepository`.
 */
@Module({
  imports: [ConsultationsModule, ContactsModule, TasksModule, ConversationsModule, NotificationsModule],
  controllers: [AutomationController],
  providers: [
    AutomationRepository,
    AutomationActionRegistry,
    AutomationFactsLoader,
    AutomationRuleRunner,
    AutomationRunRecovery,
    AutomationTimers,
    AutomationEngine,
    AutomationRulesService,
    AutomationDefaultsSeed,
    AssigneeResolver,
    ...AUTOMATION_ACTIONS,
  ],
  exports: [AutomationActionRegistry, AutomationRepository],
})
export class AutomationModule {}
