import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { AutomationRule, AutomationRun } from '@/api/automation-api';
import AutomationPage from '@/pages/AutomationPage.vue';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';

const rule = (id: string, over: Partial<AutomationRule> = {}): AutomationRule => ({
  id,
  name: `Regula ${id}`,
  description: null,
  active: true,
  trigger: 'card.stuck_in_stage',
  triggerParams: { days: 5 },
  conditions: null,
  actions: [{ type: 'notify', params: { to: 'responsible' } }],
  builtInKey: null,
  createdBy: null,
  ...over,
});
const run = (id: string, over: Partial<AutomationRun> = {}): AutomationRun => ({
  id,
  ruleId: 'r1',
  idempotencyKey: `k-${id}`,
  eventType: 'card.stuck_in_stage',
  eventRef: 'card-1:5',
  cardId: 'card-1',
  contactId: 'c-1',
  depth: 0,
  status: 'succeeded',
  actionResults: [{ type: 'notify', status: 'done' }],
  error: null,
  startedAt: '2026-12-01T08:00:00.000Z',
  finishedAt: '2026-12-01T08:00:01.000Z',
  ...over,
});
const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};

describe('AutomationPage', () => {
  it('lists rules with the trigger the catalogue describes, switches one off and shows its runs', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/automation/rules': {
        body: [
          rule('r2', { name: 'Bun venit', builtInKey: 'welcome', trigger: 'card.created' }),
          rule('r1', { name: 'Alertă blocare' }),
        ],
      },
      'GET /api/automation/catalogue': {
        body: {
          triggers: [{ type: 'card.stuck_in_stage', description: 'A card stays in its stage for N days.' }],
          fields: {},
          operators: [],
          actions: [],
        },
      },
      'PATCH /api/automation/rules/r1': (init) => ({
        body: rule('r1', { name: 'Alertă blocare', ...JSON.parse(String(init.body)) }),
      }),
      'GET /api/automation/rules/r1/runs': {
        body: [
          run('run1'),
          run('run2', {
            status: 'failed',
            error: 'The responsible user is inactive.',
            actionResults: [{ type: 'notify', status: 'failed', error: 'inactive user' }],
          }),
        ],
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(AutomationPage);
    await settle();
    expect(wrapper.findAll('[data-rule]').map((r) => r.attributes('data-rule'))).toEqual(['r1', 'r2']);
    // Known triggers by their name in the interface language; the catalogue's description stays as the fallback.
    expect(wrapper.find('[data-rule="r1"]').text()).toContain('Consultația stă de N ore în etapă');
    expect(wrapper.find('[data-rule="r2"]').text()).toContain('Implicită');
    const toggle = wrapper.find('[data-toggle="r1"]');
    expect(toggle.attributes('aria-label')).toBe('Regula „Alertă blocare” este activă');
    await toggle.trigger('click');
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ active: false });
    expect(wrapper.find('[data-rule="r1"]').text()).toContain('Oprită');
    await wrapper.find('[data-show-runs="r1"]').trigger('click');
    await settle();
    expect(calls.at(-1)?.url).toBe('/api/automation/rules/r1/runs?limit=20');
    const failed = wrapper.find('[data-run="run2"]');
    expect(failed.text()).toContain('Eșuată');
    expect(failed.text()).toContain('notify: eșuată — inactive user');
    expect(failed.text()).toContain('The responsible user is inactive.');
    expect(wrapper.find('[data-run="run1"] a').attributes('href')).toBe('/cards/card-1');
  });

  it('puts the switch back and says why when the server refuses', async () => {
    const { fetch } = fakeFetch({
      'GET /api/automation/rules': { body: [rule('r1')] },
      'PATCH /api/automation/rules/r1': {
        status: 403,
        body: { error: 'forbidden', message: 'You need the automation.manage permission.' },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(AutomationPage);
    await settle();
    await wrapper.find('[data-toggle="r1"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-rule="r1"]').text()).toContain('Activă');
    expect(document.body.textContent).toContain('You need the automation.manage permission.');
  });
});
