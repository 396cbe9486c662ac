import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { ConsultationCard, Pipeline } from '@/api/types';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import { filtersFromQuery, filtersToQuery, pageRequest, segmentDefinition } from './card-list-filters';
import CardListView from './CardListView.vue';

const settle = async () => {
  for (let i = 0; i < 8; i++) await flush();
};
const pipeline: Pipeline = {
  id: 'p1',
  name: 'Reclame',
  stages: [
    { id: 's-new', name: 'Cerere nouă', order: 0, color: '#2563eb' },
    { id: 's-apply', name: 'Aplicare', order: 1, color: '#16a34a' },
  ],
};
const instruments = [{ id: 'i1', code: 'pare-1-1', name: { ro: 'PARE 1+1' } }];
const row = (id: string, over: Partial<ConsultationCard> = {}): ConsultationCard => ({
  id,
  title: `Consultanță ${id}`,
  contactId: `c-${id}`,
  contactName: `Beneficiar ${id}`,
  contactPhone: '+37369123456',
  pipelineId: 'p1',
  stageId: 's-apply',
  responsibleUserId: 'u1',
  updatedAt: '2026-12-01T09:30:00.000Z',
  openTask: { id: `t-${id}`, title: 'Sună înapoi', dueAt: '2026-12-02T08:00:00.000Z' },
  ...over,
});
const segments = [
  {
    id: 'seg-vip',
    name: 'VIP',
    filter: { match: 'all', conditions: [{ field: 'tags', op: 'hasAny', value: ['vip'] }] },
  },
];
const routes = (over: Record<string, unknown> = {}) => ({
  'GET /api/cards': { body: { items: [row('a'), row('b', { openTask: null })], total: 60 } },
  'GET /api/users': { body: [{ id: 'u1', fullName: 'Ana Consultant', role: 'consultant', departmentId: null }] },
  'GET /api/segments': { body: segments },
  ...over,
});
const params = (url: string) => Object.fromEntries(new URL(url, 'http://desk').searchParams);

describe('list filters ⇄ URL ⇄ request', () => {
  it('reads the URL query, writes it back without empty filters and builds the page request', () => {
    const filters = filtersFromQuery({
      view: 'list',
      stage: 's-apply',
      responsible: 'u1',
      instrument: 'pare-1-1',
      tag: 'vip',
      q: ' seră ',
      segment: 'seg-vip',
      page: '3',
    });
    expect(filters).toEqual({
      stageId: 's-apply',
      responsibleUserId: 'u1',
      instrument: 'pare-1-1',
      tag: 'vip',
      q: 'seră',
      segmentId: 'seg-vip',
      page: 3,
    });
    expect(pageRequest('p1', filters)).toEqual({
      pipelineId: 'p1',
      stageId: 's-apply',
      responsibleUserId: 'u1',
      instrument: 'pare-1-1',
      tag: 'vip',
      segmentId: 'seg-vip',
      q: 'seră',
      limit: 25,
      offset: 50,
    });
    expect(filtersToQuery({ ...filters, tag: null, q: '', page: 1 }, { view: 'list', tag: 'old' })).toEqual({
      view: 'list',
      stage: 's-apply',
      responsible: 'u1',
      instrument: 'pare-1-1',
      segment: 'seg-vip',
    });
    expect(filtersFromQuery({ page: 'x' }).page).toBe(1);
  });

  it('turns the filters into the segment definition the server accepts, nesting a chosen segment', () => {
    const filters = filtersFromQuery({ responsible: 'u1', instrument: 'pare-1-1', tag: 'vip', q: 'ignored' });
    expect(segmentDefinition('p1', filters)).toEqual({
      match: 'all',
      conditions: [
        { field: 'cardPipeline', pipelineIds: ['p1'] },
        { field: 'cardResponsible', userIds: ['u1'] },
        { field: 'instrument', codes: ['pare-1-1'] },
        { field: 'tags', op: 'hasAny', value: ['vip'] },
      ],
    });
    const withStage = segmentDefinition('p1', filtersFromQuery({ stage: 's-new' }), segments[0] as never);
    expect(withStage.conditions).toEqual([
      { field: 'cardStage', stageIds: ['s-new'] },
      { field: 'group', ...segments[0].filter },
    ]);
  });
});

describe('card list view', { timeout: 20_000 }, () => {
  it('requests the page the URL describes and shows contact, stage, responsible and open task', async () => {
    const { fetch, calls } = fakeFetch(routes());
    api.configure({ fetch });
    const { wrapper, router } = mountDesk(CardListView, { props: { pipeline, instruments } });
    await router.replace({ path: '/pipelines', query: { view: 'list', stage: 's-apply', tag: 'vip', page: '2' } });
    await settle();
    const requests = calls.filter((c) => c.url.startsWith('/api/cards'));
    expect(params(requests.at(-1)!.url)).toEqual({
      pipelineId: 'p1',
      stageId: 's-apply',
      tag: 'vip',
      limit: '25',
      offset: '25',
    });
    const rows = wrapper.findAll('[data-testid="card-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain('Beneficiar a');
    expect(rows[0].text()).toContain('+373 69 123 456');
    expect(rows[0].text()).toContain('Aplicare');
    expect(rows[0].text()).toContain('Ana Consultant');
    expect(rows[0].text()).toContain('Sună înapoi');
    expect(rows[1].text()).toContain('Nicio sarcină');
    expect(wrapper.text()).toContain('60 consultații');
  });

  it('puts a changed filter in the URL (back to page 1) and asks the server with it', async () => {
    const { fetch, calls } = fakeFetch(routes());
    api.configure({ fetch });
    const { wrapper, router } = mountDesk(CardListView, { props: { pipeline, instruments } });
    await router.replace({ path: '/pipelines', query: { view: 'list', page: '2' } });
    await settle();
    await wrapper.find('[data-filter="tag"] input').setValue('export');
    await wrapper.find('[data-filter="tag"] input').trigger('change');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ view: 'list', tag: 'export' });
    expect(params(calls.filter((c) => c.url.startsWith('/api/cards')).at(-1)!.url)).toMatchObject({
      tag: 'export',
      offset: '0',
    });
  });

  it('filters by a chosen stage and saved segment from the selects', async () => {
    const { fetch, calls } = fakeFetch(routes());
    api.configure({ fetch });
    const { wrapper, router } = mountDesk(CardListView, { props: { pipeline, instruments } });
    await router.replace({ path: '/pipelines', query: { view: 'list' } });
    await settle();
    const selects = wrapper.findAllComponents({ name: 'Select' });
    const byFilter = (name: string) => selects.find((s) => s.attributes('data-filter') === name)!;
    byFilter('stage').vm.$emit('update:value', 's-new');
    await settle();
    byFilter('segment').vm.$emit('update:value', 'seg-vip');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ view: 'list', stage: 's-new', segment: 'seg-vip' });
    expect(params(calls.filter((c) => c.url.startsWith('/api/cards')).at(-1)!.url)).toMatchObject({
      stageId: 's-new',
      segmentId: 'seg-vip',
    });
  });

  it('saves the filters as a segment with the definition and name typed', async () => {
    const { fetch, calls } = fakeFetch(
      routes({
        'POST /api/segments': (init: RequestInit) => ({
          status: 201,
          body: { id: 'seg-new', ...JSON.parse(String(init.body)) },
        }),
      }),
    );
    api.configure({ fetch });
    const { wrapper, router } = mountDesk(CardListView, { props: { pipeline, instruments } });
    await router.replace({
      path: '/pipelines',
      query: { view: 'list', stage: 's-apply', instrument: 'pare-1-1', q: 'seră' },
    });
    await settle();
    const save = wrapper.findAll('button').find((b) => b.text() === 'Salvează filtrele ca segment')!;
    await save.trigger('click');
    await settle();
    const dialog = document.querySelector('[data-testid="save-segment-dialog"]')!;
    expect(dialog.textContent).toContain('Căutarea după text nu intră în segment');
    const name = document.querySelector<HTMLInputElement>('#segment-name')!;
    name.value = 'Aplicanți PARE';
    name.dispatchEvent(new Event('input'));
    await settle();
    dialog.querySelector('form')!.dispatchEvent(new Event('submit'));
    await settle();
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/segments')!;
    expect(post.body).toEqual({
      name: 'Aplicanți PARE',
      description: null,
      filter: {
        match: 'all',
        conditions: [
          { field: 'cardStage', stageIds: ['s-apply'] },
          { field: 'instrument', codes: ['pare-1-1'] },
        ],
      },
    });
    expect(document.body.textContent).toContain('Segmentul „Aplicanți PARE” a fost salvat.');
  });

  it('keeps a refused segment name in the dialog, at the name field', async () => {
    const { fetch } = fakeFetch(
      routes({
        'POST /api/segments': {
          status: 400,
          body: { error: 'validation_failed', message: 'Check the fields.', fields: { name: 'Name the segment.' } },
        },
      }),
    );
    api.configure({ fetch });
    const { wrapper, router } = mountDesk(CardListView, { props: { pipeline, instruments } });
    await router.replace({ path: '/pipelines', query: { view: 'list' } });
    await settle();
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Salvează filtrele ca segment')!
      .trigger('click');
    await settle();
    document.querySelector('[data-testid="save-segment-dialog"] form')!.dispatchEvent(new Event('submit'));
    await settle();
    expect(document.querySelector('[data-testid="save-segment-dialog"]')!.textContent).toContain('Name the segment.');
  });
});
