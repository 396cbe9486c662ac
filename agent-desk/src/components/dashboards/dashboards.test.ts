import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { defineComponent, h } from 'vue';
import { api } from '@/api/api-client';
import type {
  CallsReport,
  CampaignsReport,
  CardsWithoutTaskReport,
  OverdueTasksReport,
  RequestsReport,
  StagesReport,
} from '@/api/reports-api';
import type { User } from '@/api/types';
import DashboardsPage from '@/pages/DashboardsPage.vue';
import { useSessionStore } from '@/stores/session';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import {
  callsSeriesOption,
  conversionFunnelOption,
  requestsByChannelOption,
  stagesByPipeline,
} from './dashboard-charts';
import { customPeriod, formatDuration, presetPeriod, suggestedGranularity } from './dashboard-period';

// Canvas charts cannot draw in happy-dom: ECharts' Vue component is replaced by an empty box.
vi.mock('vue-echarts', () => ({
  __esModule: true,
  default: defineComponent({
    props: ['option', 'autoresize'],
    setup: () => () => h('div', { 'data-testid': 'echart' }),
  }),
}));

const scope = {
  from: '2026-12-01',
  to: '2026-12-03',
  timeZone: 'Europe/Chisinau',
  consultantId: null,
  pipelineId: null,
  granularity: 'day',
};
const totals = (incoming: number, answered: number) => ({
  incoming,
  answered,
  missed: incoming - answered,
  missedNotCalledBack: 1,
  outgoing: 4,
  avgWaitSeconds: 12.5,
  avgTalkSeconds: 185,
});
const callsReport: CallsReport = {
  scope,
  totals: totals(12, 9),
  series: [
    { bucket: '2026-12-01', ...totals(5, 4) },
    { bucket: '2026-12-02', ...totals(7, 5) },
  ],
  byConsultant: [{ consultantId: 'u-ana', consultantName: 'Ana Popescu', ...totals(12, 9) }],
};
const requestsReport: RequestsReport = {
  scope,
  totals: { cards: 6, conversations: 4 },
  byChannel: [
    { channel: 'webchat', cards: 4, conversations: 3 },
    { channel: 'manual', cards: 2, conversations: 1 },
  ],
  byUtmSource: [
    { utmSource: 'facebook', cards: 4 },
    { utmSource: null, cards: 2 },
  ],
  series: [{ bucket: '2026-12-01', cards: 6, conversations: 4 }],
};
const stagesReport: StagesReport = {
  scope,
  stages: [
    {
      pipelineId: 'p1',
      pipelineName: 'Granturi',
      stageId: 's1',
      stageName: 'Cerere nouă',
      stageKind: 'open',
      cards: 5,
      entered: 10,
      conversionToNext: 0.4,
    },
    {
      pipelineId: 'p1',
      pipelineName: 'Granturi',
      stageId: 's2',
      stageName: 'Aplicare',
      stageKind: 'open',
      cards: 3,
      entered: 4,
      conversionToNext: null,
    },
    {
      pipelineId: 'p2',
      pipelineName: 'Instruiri',
      stageId: 's3',
      stageName: 'Înscriere',
      stageKind: 'open',
      cards: 1,
      entered: 0,
      conversionToNext: null,
    },
  ],
};
const overdueReport: OverdueTasksReport = {
  scope: { ...scope, at: '2026-12-03T10:00:00.000Z' },
  total: 3,
  byConsultant: [
    { consultantId: 'u-ana', consultantName: 'Ana Popescu', overdue: 3, oldestDueAt: '2026-11-28T09:00:00.000Z' },
  ],
};
const withoutTaskReport: CardsWithoutTaskReport = {
  scope,
  total: 2,
  byConsultant: [
    {
      consultantId: 'u-ana',
      consultantName: 'Ana Popescu',
      pipelineId: 'p1',
      pipelineName: 'Granturi',
      cards: 2,
      oldestStageEnteredAt: null,
    },
  ],
};
const campaignsReport: CampaignsReport = {
  scope,
  campaigns: [
    {
      source: 'mailchimp',
      campaignId: 'mc-1',
      name: 'Newsletter decembrie',
      subject: 'Granturi noi',
      sentAt: '2026-12-02T08:00:00.000Z',
      recipients: 1200,
      uniqueOpens: 480,
      openRate: 0.4,
      uniqueClicks: 60,
      clickRate: 0.05,
      unsubscribed: 3,
      bounced: 7,
    },
  ],
};

const user = (role: User['role'], permissions: string[]): User => ({
  id: role === 'consultant' ? 'u-ana' : 'u-sup',
  email: `${role}@consult.local`,
  fullName: role === 'consultant' ? 'Ana Popescu' : 'Sofia Rusu',
  role,
  departmentId: null,
  permissions,
  locale: 'ro',
  phoneExtension: null,
  photoUrl: null,
});
const users = [
  user('consultant', []),
  { ...user('supervisor', ['reports.view']), id: 'u-sup' },
  { ...user('consultant', []), id: 'u-ion', fullName: 'Ion Ciobanu' },
];

function backend(overrides: Record<string, { status?: number; body?: unknown }> = {}) {
  return fakeFetch({
    'GET /api/reports/calls': { body: callsReport },
    'GET /api/reports/requests': { body: requestsReport },
    'GET /api/reports/stages': { body: stagesReport },
    'GET /api/reports/overdue-tasks': { body: overdueReport },
    'GET /api/reports/cards-without-task': { body: withoutTaskReport },
    'GET /api/reports/campaigns': { body: campaignsReport },
    'GET /api/users': { body: users },
    'GET /api/pipelines': { body: [{ id: 'p1', name: 'Granturi', stages: [] }] },
    ...overrides,
  });
}

async function mountAs(signedIn: User) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useSessionStore().user = signedIn;
  const mounted = mountDesk(DashboardsPage, { pinia });
  // Data, then the lazily loaded chart component.
  for (let i = 0; i < 4; i++) await flush();
  await vi.dynamicImportSettled();
  for (let i = 0; i < 4; i++) await flush();
  return mounted;
}

const reportCalls = (calls: ReturnType<typeof fakeFetch>['calls']) =>
  calls.filter((c) => c.url.startsWith('/api/reports/'));
const params = (url: string) => Object.fromEntries(new URL(url, 'http://desk').searchParams);

describe('dashboard periods', () => {
  const wednesday = new Date(2026, 11, 2, 15, 30);
  it('turns presets into local days: today, this week from Monday, this month from the 1st', () => {
    expect(presetPeriod('today', wednesday)).toEqual({ from: '2026-12-02', to: '2026-12-02' });
    expect(presetPeriod('week', wednesday)).toEqual({ from: '2026-11-30', to: '2026-12-02' });
    expect(presetPeriod('week', new Date(2026, 11, 6))).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(presetPeriod('month', wednesday)).toEqual({ from: '2026-12-01', to: '2026-12-02' });
  });
  it('orders a custom range and suggests a granularity that reads well', () => {
    expect(customPeriod([new Date(2026, 10, 20).getTime(), new Date(2026, 9, 1).getTime()])).toEqual({
      from: '2026-10-01',
      to: '2026-11-20',
    });
    expect(customPeriod(null)).toBeNull();
    expect(suggestedGranularity({ from: '2026-12-01', to: '2026-12-31' })).toBe('day');
    expect(suggestedGranularity({ from: '2026-06-01', to: '2026-10-31' })).toBe('week');
    expect(suggestedGranularity({ from: '2025-01-01', to: '2026-10-31' })).toBe('month');
  });
  it('formats averages as m:ss and nothing as null', () => {
    expect(formatDuration(185)).toBe('3:05');
    expect(formatDuration(12.5)).toBe('0:13');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(null)).toBeNull();
  });
});

describe('dashboard charts', () => {
  const t = (key: string) => key;
  it('draws one line per call measure over the buckets', () => {
    const option = callsSeriesOption(callsReport, t, (b) => b.slice(5));
    expect(option.xAxis).toMatchObject({ data: ['12-01', '12-02'] });
    expect((option.series as Array<{ name: string; data: number[] }>).map((s) => [s.name, s.data])).toEqual([
      ['dashboards.tiles.incoming', [5, 7]],
      ['dashboards.tiles.answered', [4, 5]],
      ['dashboards.tiles.missed', [1, 2]],
      ['dashboards.tiles.missedNotCalledBack', [1, 1]],
    ]);
  });
  it('leaves conversations out of the channel chart when the server could not count them (pipeline filter)', () => {
    const filtered = { ...requestsReport, totals: { cards: 6, conversations: null } };
    expect((requestsByChannelOption(requestsReport, t, (c) => c).series as unknown[]).length).toBe(2);
    expect((requestsByChannelOption(filtered, t, (c) => c).series as unknown[]).length).toBe(1);
  });
  it('groups stages by pipeline and funnels the cards that entered each stage', () => {
    const groups = stagesByPipeline(stagesReport.stages);
    expect(groups.map((g) => [g.pipelineName, g.stages.length])).toEqual([
      ['Granturi', 2],
      ['Instruiri', 1],
    ]);
    const funnel = conversionFunnelOption(groups[0].stages, t).series as Array<{ data: unknown[] }>;
    expect(funnel[0].data).toEqual([
      { name: 'Cerere nouă', value: 10 },
      { name: 'Aplicare', value: 4 },
    ]);
  });
});

describe('DashboardsPage', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 3, 10, 0));
  });
  afterEach(() => vi.useRealTimers());

  it('shows a supervisor everyone’s numbers for this month, with charts, campaigns and export links', async () => {
    const { fetch, calls } = backend();
    api.configure({ fetch });
    const { wrapper } = await mountAs(users[1]);
    const asked = reportCalls(calls);
    expect(asked.map((c) => c.url.split('?')[0]).sort()).toEqual([
      '/api/reports/calls',
      '/api/reports/campaigns',
      '/api/reports/cards-without-task',
      '/api/reports/overdue-tasks',
      '/api/reports/requests',
      '/api/reports/stages',
    ]);
    expect(params(asked[0].url)).toEqual({ from: '2026-12-01', to: '2026-12-03', granularity: 'day' });
    const tile = (key: string) => wrapper.find(`[data-tile="${key}"] .value`).text();
    expect(tile('incoming')).toBe('12');
    expect(tile('answered')).toBe('9');
    expect(tile('missed')).toBe('3');
    expect(tile('missedNotCalledBack')).toBe('1');
    expect(tile('avgWait')).toBe('0:13');
    expect(tile('avgTalk')).toBe('3:05');
    expect(tile('newRequests')).toBe('10');
    expect(tile('overdueTasks')).toBe('3');
    expect(tile('cardsWithoutTask')).toBe('2');
    const charts = wrapper.findAll('.chart[role="img"]').map((c) => c.attributes('aria-label'));
    expect(charts).toContain('Apeluri în timp');
    expect(charts).toContain('Conversie pe etape — Granturi');
    expect(charts).toContain('Rezultatele campaniilor');
    expect(wrapper.find('[data-stage="s1"]').text()).toContain('40%');
    expect(wrapper.find('[data-testid="campaign-results"]').text()).toContain('Newsletter decembrie');
    const xlsx = wrapper.find('[data-chart="calls"] a[data-format="xlsx"]');
    expect(xlsx.attributes('href')).toBe(
      '/api/reports/calls/export?from=2026-12-01&to=2026-12-03&granularity=day&format=xlsx',
    );
    expect(xlsx.attributes('aria-label')).toBe('Exportă „Apeluri”: Excel (XLSX)');
    expect(wrapper.find('[data-testid="dashboard-consultant"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="own-numbers"]').exists()).toBe(false);
  });

  it('asks again with the chosen period, granularity and consultant, and exports the same filters', async () => {
    const { fetch, calls } = backend();
    api.configure({ fetch });
    const { wrapper } = await mountAs(users[1]);
    calls.length = 0;
    await wrapper.find('[data-preset="today"] input').setValue(true);
    for (let i = 0; i < 3; i++) await flush();
    expect(params(reportCalls(calls)[0].url)).toEqual({ from: '2026-12-03', to: '2026-12-03', granularity: 'day' });
    const page = wrapper.findComponent(DashboardsPage);
    const filters = (
      page.vm.$ as unknown as { setupState: { filters: { consultantId: string | null; granularity: string } } }
    ).setupState.filters;
    calls.length = 0;
    filters.consultantId = 'u-ion';
    filters.granularity = 'week';
    for (let i = 0; i < 3; i++) await flush();
    const asked = reportCalls(calls);
    expect(asked).toHaveLength(6);
    expect(params(asked[0].url)).toEqual({
      from: '2026-12-03',
      to: '2026-12-03',
      consultantId: 'u-ion',
      granularity: 'week',
    });
    expect(wrapper.find('[data-export="overdue-tasks"] a[data-format="csv"]').attributes('href')).toContain(
      'consultantId=u-ion',
    );
  });

  it('shows a consultant their own numbers: no consultant filter, no campaign results', async () => {
    const { fetch, calls } = backend();
    api.configure({ fetch });
    const { wrapper } = await mountAs(users[0]);
    const asked = reportCalls(calls).map((c) => c.url.split('?')[0]);
    expect(asked).not.toContain('/api/reports/campaigns');
    expect(asked).toHaveLength(5);
    expect(calls.some((c) => c.url === '/api/users')).toBe(false);
    expect(wrapper.find('[data-testid="own-numbers"]').text()).toBe('Vedeți propriile cifre.');
    expect(wrapper.find('[data-testid="dashboard-consultant"]').exists()).toBe(false);
    expect(wrapper.find('[data-chart="campaigns"]').exists()).toBe(false);
  });

  it('keeps the reports that loaded when one is refused, and says why', async () => {
    const { fetch } = backend({
      'GET /api/reports/requests': {
        status: 400,
        body: {
          error: 'validation_failed',
          message: 'Choose a period of at most two years.',
          fields: { to: 'Choose a period of at most two years.' },
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = await mountAs(users[1]);
    expect(wrapper.find('[data-testid="dashboard-error"]').text()).toContain('Choose a period of at most two years.');
    expect(wrapper.find('[data-tile="incoming"] .value').text()).toBe('12');
    expect(wrapper.find('[data-tile="newRequests"] .value').text()).toBe('—');
  });
});
