import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { SettingsFieldDefinition, SettingsPipeline, SettingsStage } from '@/api/settings/pipelines-settings-api';
import PipelinesSettingsPage from '@/pages/settings/PipelinesSettingsPage.vue';
import { fakeFetch, mountDesk } from '@/test-support/mount-desk';
import { choose, click, fill, settle, submit, text } from '../settings-test-kit';

const stage = (id: string, order: number, over: Partial<SettingsStage> = {}): SettingsStage => ({
  id,
  pipelineId: 'p1',
  name: `Etapa ${id}`,
  order,
  color: '#64748b',
  kind: 'open',
  staleAfterHours: null,
  requiredFieldKeys: [],
  ...over,
});
const pipeline: SettingsPipeline = {
  id: 'p1',
  code: 'cereri-noi',
  name: 'Cereri noi',
  departmentId: null,
  order: 0,
  active: true,
  stages: [stage('s2', 1, { name: 'Consultat' }), stage('s1', 0, { name: 'Nou' }), stage('s3', 2, { name: 'Aplicat' })],
};
const field: SettingsFieldDefinition = {
  id: 'f1',
  key: 'businessIdea',
  label: { ro: 'Ideea de afacere' },
  type: 'text',
  options: [],
  groupId: 'g1',
  order: 0,
  pipelineIds: [],
  active: true,
};
const base = {
  'GET /api/pipelines': { body: [pipeline] },
  'GET /api/field-groups': { body: [{ id: 'g1', name: { ro: 'Date despre afacere' }, order: 0 }] },
  'GET /api/field-definitions': { body: [field] },
  'GET /api/instruments': {
    body: [{ id: 'i1', code: 'pare', name: { ro: 'PARE 1+1' }, active: true, order: 0 }],
  },
};
const echo = (id: string) => (init: RequestInit) => ({ body: { id, ...JSON.parse(String(init.body)) } });

describe('Pipelines settings', { timeout: 90_000 }, () => {
  it('lists the stages in order and reorders one with the orders that changed', async () => {
    const { fetch, calls } = fakeFetch({
      ...base,
      'PATCH /api/stages/s1': (init) => ({ body: stage('s1', JSON.parse(String(init.body)).order, { name: 'Nou' }) }),
      'PATCH /api/stages/s2': (init) => ({
        body: stage('s2', JSON.parse(String(init.body)).order, { name: 'Consultat' }),
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(PipelinesSettingsPage);
    await settle();
    const names = () => wrapper.findAll('[data-testid="stage-list"] > li').map((li) => li.attributes('data-stage'));
    expect(names()).toEqual(['Nou', 'Consultat', 'Aplicat']);
    expect(wrapper.find('[data-field="businessIdea"]').text()).toContain('Ideea de afacere');
    expect(wrapper.find('[data-instrument="pare"]').exists()).toBe(true);
    await wrapper.find('[data-stage="Consultat"] [data-move="up"]').trigger('click');
    await settle();
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => [c.url, c.body])).toEqual([
      ['/api/stages/s2', { order: 0 }],
      ['/api/stages/s1', { order: 1 }],
    ]);
    expect(names()).toEqual(['Consultat', 'Nou', 'Aplicat']);
  });

  it('deletes a stage after a confirmation and shows why the server refuses one cards are in', async () => {
    const { fetch, calls } = fakeFetch({
      ...base,
      'DELETE /api/stages/s3': { status: 204 },
      'DELETE /api/stages/s1': {
        status: 409,
        body: {
          error: 'stage_has_cards',
          message: 'Cards are still in this stage: move them to another stage, then delete it.',
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(PipelinesSettingsPage);
    await settle();
    const names = () => wrapper.findAll('[data-testid="stage-list"] > li').map((li) => li.attributes('data-stage'));
    const confirm = async () => {
      const dialogs = [...document.querySelectorAll('.n-dialog')];
      const buttons = [...dialogs.at(-1)!.querySelectorAll<HTMLButtonElement>('.n-dialog__action button')];
      buttons.find((b) => b.textContent?.includes('Șterge etapa'))!.click();
      await settle();
    };
    await wrapper.find('[data-delete-stage="s3"]').trigger('click');
    await settle();
    expect([...document.querySelectorAll('.n-dialog')].at(-1)?.textContent).toContain('„Aplicat”');
    await confirm();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/stages/s3']);
    expect(names()).toEqual(['Nou', 'Consultat']);

    await wrapper.find('[data-delete-stage="s1"]').trigger('click');
    await settle();
    await confirm();
    expect(names()).toEqual(['Nou', 'Consultat']);
    expect(document.body.textContent).toContain('Cards are still in this stage');
  });

  it('adds a stage with a required field and edits the stale-after hours of another', async () => {
    const { fetch, calls } = fakeFetch({
      ...base,
      'POST /api/pipelines/p1/stages': (init) => ({
        status: 201,
        body: { ...stage('s4', 3), ...JSON.parse(String(init.body)) },
      }),
      'PATCH /api/stages/s3': (init) => ({
        body: { ...stage('s3', 2, { name: 'Aplicat' }), ...JSON.parse(String(init.body)) },
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(PipelinesSettingsPage);
    await settle();
    await fill('#stage-new-name', 'Contract semnat');
    await choose(wrapper, '[data-testid="stage-new-required"]', ['businessIdea', 'budget']);
    await submit('[data-testid="stage-add-form"]');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Contract semnat',
      order: 3,
      color: '#64748b',
      kind: 'open',
      staleAfterHours: null,
      requiredFieldKeys: ['businessIdea', 'budget'],
    });
    expect(wrapper.find('[data-stage="Contract semnat"]').exists()).toBe(true);
    await fill('#stage-stale-s3', '48');
    await wrapper.find('[data-stage="Aplicat"] form').trigger('submit');
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({ name: 'Aplicat', staleAfterHours: 48 });
  });

  it('creates a list field with its options; the server’s 400 shows next to the key', async () => {
    let posts = 0;
    const { fetch, calls } = fakeFetch({
      ...base,
      'POST /api/field-definitions': (init) =>
        posts++ === 0
          ? {
              status: 400,
              body: {
                error: 'validation_failed',
                message: 'Please correct these fields: key.',
                fields: { key: 'Start with a lowercase letter; use letters, digits or _ (2–60).' },
              },
            }
          : { status: 201, body: { id: 'f2', ...JSON.parse(String(init.body)) } },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(PipelinesSettingsPage);
    await settle();
    await click('[data-testid="field-new"]');
    await fill('#field-key', 'Sector');
    await fill('#field-label-ro', 'Sectorul de activitate');
    await choose(wrapper, '[data-testid="field-type"]', 'select');
    await click('[data-testid="option-add"]');
    await click('[data-testid="option-add"]');
    await fill('#option-value-0', 'agri');
    await fill('#option-ro-0', 'Agricultură');
    await fill('#option-value-1', 'it');
    await fill('#option-ro-1', 'IT');
    await submit('[data-testid="field-form"]');
    expect(text('[data-error="key"]')).toContain('Start with a lowercase letter');
    await fill('#field-key', 'sector');
    await submit('[data-testid="field-form"]');
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      key: 'sector',
      type: 'select',
      label: { ro: 'Sectorul de activitate' },
      options: [
        { value: 'agri', label: { ro: 'Agricultură' } },
        { value: 'it', label: { ro: 'IT' } },
      ],
      groupId: null,
      order: 1,
      pipelineIds: [],
      active: true,
    });
    expect(wrapper.find('[data-field="sector"]').text()).toContain('Listă (o opțiune)');
  });

  it('adds an instrument and switches one off', async () => {
    const { fetch, calls } = fakeFetch({
      ...base,
      'POST /api/instruments': (init) => ({ status: 201, ...echo('i2')(init) }),
      'PATCH /api/instruments/i1': (init) => ({
        body: {
          id: 'i1',
          code: 'pare',
          name: { ro: 'PARE 1+1' },
          order: 0,
          active: true,
          ...JSON.parse(String(init.body)),
        },
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(PipelinesSettingsPage);
    await settle();
    await fill('#instrument-code', 'start-tineri');
    await fill('#instrument-name', 'Start pentru Tineri');
    await submit('[data-testid="instrument-form"]');
    expect(calls.find((c) => c.url === '/api/instruments' && c.method === 'POST')?.body).toEqual({
      code: 'start-tineri',
      name: { ro: 'Start pentru Tineri' },
      active: true,
      order: 1,
    });
    expect(wrapper.find('[data-instrument="start-tineri"]').exists()).toBe(true);
    await wrapper.find('[data-toggle-instrument="pare"]').trigger('click');
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ active: false });
  });
});
