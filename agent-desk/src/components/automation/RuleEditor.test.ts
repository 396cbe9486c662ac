import { NInputNumber, NSelect } from 'naive-ui';
import type { VueWrapper } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import { api } from '@/api/api-client';
import type { AutomationCatalogue, AutomationRule } from '@/api/automation-api';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import RuleEditor from './RuleEditor.vue';

const uuid = { type: 'string', format: 'uuid' };
/** The shape the server's catalogue has (z.toJSONSchema of the trigger and action params). */
const catalogue: AutomationCatalogue = {
  triggers: [
    {
      type: 'card.created',
      description: 'A consultation card was created',
      facts: ['card', 'contact', 'stage'],
      params: { type: 'object', properties: { pipelineIds: { type: 'array', items: uuid } } },
    },
    {
      type: 'card.stuck_in_stage',
      description: 'A card stayed in a stage for N hours',
      facts: ['card', 'contact', 'stage'],
      params: {
        type: 'object',
        properties: {
          stageIds: { type: 'array', items: uuid, maxItems: 100 },
          afterHours: { type: 'number', exclusiveMinimum: 0, maximum: 8760 },
          maxRepeats: { type: 'integer', minimum: 0, maximum: 100, default: 0 },
        },
      },
    },
    {
      type: 'message.received',
      description: 'A customer wrote',
      facts: ['message', 'contact', 'card'],
      params: { type: 'object', properties: {} },
    },
  ],
  fields: { 'card.budget': 'number', 'card.stageId': 'id', 'contact.tags': 'list', 'message.text': 'text' },
  operators: ['eq', 'neq', 'gt', 'gte', 'contains', 'is_empty'],
  operatorsByKind: {
    number: ['eq', 'gt', 'gte', 'is_empty'],
    id: ['eq', 'neq', 'is_empty'],
    list: ['contains', 'is_empty'],
    text: ['eq', 'contains'],
  },
  actions: [
    {
      type: 'create_task',
      description: 'Create a task on the card',
      needs: ['contact'],
      params: {
        type: 'object',
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 300 },
          dueInMinutes: { type: 'integer', default: 60, minimum: 0 },
          assignee: {
            default: { mode: 'responsible' },
            oneOf: [
              { type: 'object', properties: { mode: { type: 'string', const: 'responsible' } }, required: ['mode'] },
              {
                type: 'object',
                properties: { mode: { type: 'string', const: 'user' }, userId: uuid },
                required: ['mode', 'userId'],
              },
            ],
          },
        },
        required: ['title'],
      },
    },
    {
      type: 'move_stage',
      description: 'Move the card to a stage',
      needs: ['card'],
      params: { type: 'object', properties: { stageId: uuid }, required: ['stageId'] },
    },
    {
      type: 'reply_on_call',
      description: 'Something only calls have',
      needs: ['call'],
      params: { type: 'object', properties: {} },
    },
  ],
};

const settle = async () => {
  for (let i = 0; i < 6; i++) await flush();
};
const selectBy = (wrapper: VueWrapper, attribute: string, value: string) =>
  wrapper.findAllComponents(NSelect).find((s) => s.attributes(attribute) === value)!;
const choose = async (select: VueWrapper | undefined, value: unknown) => {
  expect(select, 'select not found').toBeTruthy();
  select!.vm.$emit('update:value', value);
  await settle();
};
const routes = {
  'GET /api/pipelines': {
    body: [
      {
        id: 'p1',
        name: 'Granturi',
        stages: [
          { id: '11111111-1111-4111-8111-111111111111', name: 'Nou', order: 1 },
          { id: '22222222-2222-4222-8222-222222222222', name: 'Dosar depus', order: 2 },
        ],
      },
    ],
  },
  'GET /api/users': { body: [{ id: 'u1', fullName: 'Ana Popescu', role: 'consultant', departmentId: null }] },
};

describe('RuleEditor', () => {
  it(
    'builds the rule from the catalogue: trigger params, typed conditions, ordered actions with their params',
    { timeout: 60_000 },
    async () => {
      const { fetch, calls } = fakeFetch({
        ...routes,
        'POST /api/automation/rules': (init) => ({ status: 201, body: { id: 'r9', ...JSON.parse(String(init.body)) } }),
      });
      api.configure({ fetch });
      // The page holds the catalogue in a ref: the editor gets reactive proxies (defaults are copied out of them).
      const { wrapper } = mountDesk(RuleEditor, { props: { catalogue: reactive(catalogue) } });
      await settle();
      await wrapper.find('#rule-name').setValue('Dosar blocat');

      // Trigger: its translated name, and its own parameter form.
      const trigger = selectBy(wrapper, 'data-testid', 'rule-trigger');
      expect(trigger.props('options')).toEqual(
        expect.arrayContaining([{ value: 'card.stuck_in_stage', label: 'Consultația stă de N ore în etapă' }]),
      );
      await choose(trigger, 'card.stuck_in_stage');
      expect(wrapper.find('[data-param="triggerParams.afterHours"]').text()).toContain('După câte ore');
      const hours = wrapper.findAllComponents(NInputNumber).find((n) => n.find('#triggerParams-afterHours').exists())!;
      hours.vm.$emit('update:value', 48);
      await settle();
      const stages = wrapper.find('[data-param="triggerParams.stageIds"]').findComponent(NSelect);
      expect(stages.props('options')).toEqual([
        { value: '11111111-1111-4111-8111-111111111111', label: 'Granturi · Nou' },
        { value: '22222222-2222-4222-8222-222222222222', label: 'Granturi · Dosar depus' },
      ]);
      await choose(stages, ['22222222-2222-4222-8222-222222222222']);

      // A condition: fields the trigger provides only, operators by the field's kind, a number control for a number.
      await wrapper.find('[data-testid="add-condition"]').trigger('click');
      await settle();
      const field = wrapper.find('[data-condition="0"] [data-part="field"]').findComponent(NSelect);
      const groups = (field.props('options') as Array<{ children: Array<{ value: string }> }>).flatMap((g) =>
        g.children.map((c) => c.value),
      );
      expect(groups).toEqual(['card.budget', 'card.stageId', 'contact.tags']);
      await choose(field, 'card.budget');
      const op = wrapper.find('[data-condition="0"] [data-part="op"]').findComponent(NSelect);
      expect((op.props('options') as Array<{ value: string }>).map((o) => o.value)).toEqual([
        'eq',
        'gt',
        'gte',
        'is_empty',
      ]);
      await choose(op, 'gte');
      wrapper
        .find('[data-condition="0"] [data-part="value"]')
        .findComponent(NInputNumber)
        .vm.$emit('update:value', 5000);
      await settle();

      // Actions: one the trigger cannot feed is offered disabled; add two, fill them in, swap their order.
      const add = selectBy(wrapper, 'data-testid', 'add-action');
      expect(add.props('options')).toContainEqual({
        value: 'reply_on_call',
        label: 'Something only calls have',
        disabled: true,
      });
      await choose(add, 'create_task');
      await wrapper.find('#actions-0-params-title').setValue('Sună: {{card.title}}');
      await choose(selectBy(wrapper, 'data-variant', 'actions.0.params.assignee'), 'user');
      await choose(wrapper.find('[data-param="actions.0.params.assignee.userId"]').findComponent(NSelect), 'u1');
      await choose(selectBy(wrapper, 'data-testid', 'add-action'), 'move_stage');
      await choose(
        wrapper.find('[data-param="actions.1.params.stageId"]').findComponent(NSelect),
        '11111111-1111-4111-8111-111111111111',
      );
      await wrapper.find('[data-move-up="1"]').trigger('click');
      await settle();
      expect(wrapper.findAll('[data-action]').map((a) => a.attributes('data-type'))).toEqual([
        'move_stage',
        'create_task',
      ]);

      await wrapper.find('[data-testid="rule-editor"]').trigger('submit');
      await settle();
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        name: 'Dosar blocat',
        description: null,
        active: true,
        trigger: 'card.stuck_in_stage',
        triggerParams: { stageIds: ['22222222-2222-4222-8222-222222222222'], afterHours: 48, maxRepeats: 0 },
        conditions: { all: [{ field: 'card.budget', op: 'gte', value: 5000 }] },
        actions: [
          { type: 'move_stage', params: { stageId: '11111111-1111-4111-8111-111111111111' } },
          {
            type: 'create_task',
            params: { title: 'Sună: {{card.title}}', dueInMinutes: 60, assignee: { mode: 'user', userId: 'u1' } },
          },
        ],
      });
      expect(wrapper.findComponent(RuleEditor).emitted('saved')?.[0]?.[0]).toMatchObject({ id: 'r9' });
    },
  );

  it(
    'edits a rule with a PATCH and shows the server’s field errors next to their controls',
    { timeout: 60_000 },
    async () => {
      const rule: AutomationRule = {
        id: 'r1',
        name: 'Bun venit',
        description: null,
        active: true,
        trigger: 'message.received',
        triggerParams: {},
        conditions: { any: [{ field: 'message.text', op: 'contains', value: 'preț' }] },
        actions: [{ type: 'move_stage', params: { stageId: '11111111-1111-4111-8111-111111111111' } }],
        builtInKey: null,
        createdBy: null,
      };
      const { fetch, calls } = fakeFetch({
        ...routes,
        'PATCH /api/automation/rules/r1': {
          status: 422,
          body: {
            error: 'validation_failed',
            message: 'Please correct these fields: actions.0.type, conditions.any.0.value.',
            fields: {
              'actions.0.type': '"move_stage" needs card, which the trigger message.received does not provide.',
              'conditions.any.0.value': 'Give a text.',
            },
          },
        },
      });
      api.configure({ fetch });
      const { wrapper } = mountDesk(RuleEditor, { props: { catalogue: reactive(catalogue), rule: reactive(rule) } });
      await settle();
      expect((wrapper.find('#rule-name').element as HTMLInputElement).value).toBe('Bun venit');
      // The editor switches the rule off: the switch's value is part of the PATCH.
      await wrapper.find('[data-testid="rule-active"]').trigger('click');
      await settle();
      await wrapper.find('[data-testid="rule-editor"]').trigger('submit');
      await settle();
      const patch = calls.find((c) => c.method === 'PATCH');
      expect(patch?.url).toBe('/api/automation/rules/r1');
      expect(patch?.body).toMatchObject({
        active: false,
        conditions: { any: [{ field: 'message.text', op: 'contains', value: 'preț' }] },
      });
      expect(wrapper.find('[data-testid="rule-error"]').text()).toContain('Please correct these fields');
      expect(wrapper.find('[data-action="0"]').text()).toContain('"move_stage" needs card');
      expect(wrapper.find('[data-condition="0"]').text()).toContain('Give a text.');
      expect(wrapper.findComponent(RuleEditor).emitted('saved')).toBeUndefined();
    },
  );
});
