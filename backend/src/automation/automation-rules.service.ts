import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { ApiError, type FieldErrors } from '../common/api-error.js';
import { zodIssuesToFields } from '../common/zod-validation.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { AutomationActionRegistry } from './automation-action.registry.js';
import {
  CONDITION_FIELDS,
  CONDITION_OPERATORS,
  OPERATORS_OF,
  kindOfCustomField,
  validateConditions,
  type ConditionNode,
} from './automation-conditions.js';
import { AutomationTimers } from './automation-timers.js';
import { TRIGGER_TYPES, triggerOf, type TriggerType } from './automation-triggers.js';
import type { CreateRuleDto, ListRunsQuery, UpdateRuleDto } from './automation.dto.js';
import { AutomationRepository } from './automation.repository.js';
import type { AutomationRuleRow, RuleAction } from './automation.schema.js';

type RuleDefinition = {
  trigger: TriggerType;
  triggerParams: Record<string, unknown>;
  conditions: ConditionNode | null;
  actions: RuleAction[];
};

/** Admins' automation rules: validated against the trigger, the field catalogue and the action registry; audited. */
@Injectable()
export class AutomationRulesService {
  constructor(
    @InjectDatabase() private readonly db: Database,
    private readonly repository: AutomationRepository,
    private readonly registry: AutomationActionRegistry,
    private readonly timers: AutomationTimers,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<AutomationRuleRow[]> {
    return this.repository.listRules();
  }

  async get(id: string): Promise<AutomationRuleRow> {
    const rule = await this.repository.findRule(id);
    if (!rule) throw ApiError.notFound('Automation rule', id);
    return rule;
  }

  async create(dto: CreateRuleDto, userId: string | null): Promise<AutomationRuleRow> {
    const definition = await this.checked(dto);
    const rule = await this.db.transaction(async (tx) => {
      const row = await this.repository.insertRule(tx, { ...dto, ...definition, createdBy: userId });
      await this.audit.record({ action: 'create', entityType: 'automation_rule', entityId: row.id, after: row }, tx);
      return row;
    });
    await this.timers.backfill(rule);
    return rule;
  }

  async update(id: string, dto: UpdateRuleDto): Promise<AutomationRuleRow> {
    const before = await this.get(id);
    const definition = await this.checked({
      trigger: dto.trigger ?? before.trigger,
      triggerParams: dto.triggerParams ?? (dto.trigger && dto.trigger !== before.trigger ? {} : before.triggerParams),
      conditions: dto.conditions === undefined ? before.conditions : dto.conditions,
      actions: dto.actions ?? before.actions,
    });
    const rule = await this.db.transaction(async (tx) => {
      const row = await this.repository.updateRule(tx, id, { ...dto, ...definition });
      await this.audit.record(
        { action: 'update', entityType: 'automation_rule', entityId: id, before, after: row },
        tx,
      );
      return row;
    });
    await this.timers.backfill(rule);
    return rule;
  }

  async remove(id: string): Promise<void> {
    const before = await this.get(id);
    if (before.builtInKey)
      throw ApiError.conflict(
        'built_in_rule',
        'This rule ships with the CRM and cannot be deleted; switch it off (active: false) instead.',
      );
    await this.db.transaction(async (tx) => {
      await this.repository.deleteRule(tx, id);
      await this.audit.record({ action: 'delete', entityType: 'automation_rule', entityId: id, before }, tx);
    });
  }

  async runs(id: string, query: ListRunsQuery) {
    await this.get(id);
    const { limit, offset, ...filter } = query;
    return this.repository.listRuns(id, filter, { limit, offset });
  }

  /** What the rule editor offers: triggers with their facts and params, condition fields, operators per field kind, actions. */
  async catalogue() {
    const customFields = await this.repository.activeFieldDefinitions();
    return {
      triggers: TRIGGER_TYPES.map((type) => ({
        type,
        description: triggerOf(type).description,
        facts: triggerOf(type).facts,
        params: jsonSchema(triggerOf(type).params),
      })),
      fields: {
        ...CONDITION_FIELDS,
        ...Object.fromEntries(customFields.map((f) => [`card.fields.${f.key}`, kindOfCustomField(f.type)])),
      },
      operators: CONDITION_OPERATORS,
      operatorsByKind: OPERATORS_OF,
      actions: this.registry
        .all()
        .map((a) => ({ type: a.type, description: a.description, needs: a.needs, params: jsonSchema(a.params) })),
    };
  }

  /** Validates trigger params, conditions and every action's params; a 400 names each bad field by its path. */
  private async checked(input: RuleDefinition): Promise<RuleDefinition> {
    const errors: FieldErrors = {};
    const trigger = triggerOf(input.trigger);
    const params = trigger.params.safeParse(input.triggerParams);
    if (!params.success) Object.assign(errors, prefixed('triggerParams', zodIssuesToFields(params.error.issues)));
    if (input.conditions) {
      const customCardFields = new Map(
        (await this.repository.activeFieldDefinitions()).map((f) => [f.key, kindOfCustomField(f.type)]),
      );
      Object.assign(errors, validateConditions(input.conditions, { facts: trigger.facts, customCardFields }));
    }
    const actions: RuleAction[] = [];
    for (const [i, configured] of input.actions.entries()) {
      const action = this.registry.get(configured.type);
      if (!action) {
        errors[`actions.${i}.type`] = `Unknown action; use one of ${this.registry
          .all()
          .map((a) => a.type)
          .join(', ')}.`;
        continue;
      }
      const missing = action.needs.filter((group) => !trigger.facts.includes(group));
      if (missing.length)
        errors[`actions.${i}.type`] =
          `"${action.type}" needs ${missing.join(', ')}, which the trigger ${input.trigger} does not provide.`;
      const parsed = action.params.safeParse(configured.params);
      if (!parsed.success) {
        Object.assign(errors, prefixed(`actions.${i}.params`, zodIssuesToFields(parsed.error.issues)));
        continue;
      }
      Object.assign(errors, prefixed(`actions.${i}.params`, (await action.validate?.(parsed.data)) ?? {}));
      actions.push({ type: configured.type, params: parsed.data as Record<string, unknown> });
    }
    if (Object.keys(errors).length) throw ApiError.validation(errors);
    return {
      trigger: input.trigger,
      triggerParams: params.data as Record<string, unknown>,
      conditions: input.conditions,
      actions,
    };
  }
}

function prefixed(prefix: string, fields: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(fields).map(([key, message]) => [key === '_' ? prefix : `${prefix}.${key}`, message]),
  );
}

function jsonSchema(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return { type: 'object' };
  }
}
