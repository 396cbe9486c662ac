import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import { campaignActions, type Campaign, type CampaignRecipient, type CampaignWithStats } from '@/api/campaigns-api';
import CampaignPage from '@/pages/CampaignPage.vue';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import CampaignCreateForm from './CampaignCreateForm.vue';

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'cmp-1',
  name: 'Invitație seminar decembrie',
  templateId: 'tpl-sms',
  segmentId: 'seg-1',
  channelAccountId: 'acc-sms',
  status: 'draft',
  ratePerMinute: 60,
  taskOnOpen: true,
  trackOpens: true,
  trackClicks: true,
  createdBy: 'u1',
  startedAt: null,
  completedAt: null,
  cancelledAt: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  ...over,
});
const withStats = (over: Partial<Campaign> = {}): CampaignWithStats => ({
  ...campaign(over),
  stats: {
    byStatus: { delivered: 40, opened: 12, clicked: 3, failed: 2, skipped: 5, pending: 38 },
    totals: { total: 100, opened: 15, clicked: 3, unsubscribed: 1, optedOut: 4, noAddress: 1 },
  },
});
const recipient = (id: string, over: Partial<CampaignRecipient> = {}): CampaignRecipient => ({
  id,
  campaignId: 'cmp-1',
  contactId: `c-${id}`,
  contactName: `Beneficiar ${id}`,
  cardId: null,
  address: '+37369000001',
  state: 'queued',
  skipReason: null,
  status: 'delivered',
  error: null,
  clickCount: 0,
  ...over,
});
const settle = async () => {
  for (let i = 0; i < 5; i++) await flush();
};

describe('campaign actions', () => {
  it('offers what the status allows', () => {
    expect(campaignActions('draft')).toEqual(['start', 'cancel']);
    expect(campaignActions('running')).toEqual(['pause', 'cancel']);
    expect(campaignActions('paused')).toEqual(['resume', 'cancel']);
    expect(campaignActions('completed')).toEqual([]);
  });
});

describe('CampaignPage', () => {
  it('shows the numbers and recipients, starts the campaign and filters recipients by status', async () => {
    let status: Campaign['status'] = 'draft';
    const { fetch, calls } = fakeFetch({
      'GET /api/campaigns/cmp-1': () => ({ body: withStats({ status }) }),
      'GET /api/campaigns/cmp-1/recipients': {
        body: [
          recipient('r1'),
          recipient('r2', { status: 'skipped', state: 'skipped', skipReason: 'opted_out', address: null }),
        ],
      },
      'POST /api/campaigns/cmp-1/start': () => {
        status = 'running';
        return { body: campaign({ status }) };
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(CampaignPage, { props: { id: 'cmp-1' } });
    await settle();
    expect(wrapper.find('[data-testid="campaign-status"]').text()).toBe('Ciornă');
    expect(wrapper.find('[data-stat="total"] strong').text()).toBe('100');
    expect(wrapper.find('[data-stat="sent"] strong').text()).toBe('55');
    expect(wrapper.find('[data-stat="optedOut"] strong').text()).toBe('4');
    expect(wrapper.find('[data-recipient="r2"]').text()).toContain('Omis');
    expect(wrapper.find('[data-recipient="r2"]').text()).toContain('fără consimțământ');
    await wrapper.find('[data-action="start"]').trigger('click');
    await settle();
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/campaigns/cmp-1/start')).toBe(true);
    expect(wrapper.find('[data-testid="campaign-status"]').text()).toBe('În desfășurare');
    expect(wrapper.findAll('[data-action]').map((b) => b.attributes('data-action'))).toEqual(['pause', 'cancel']);
    const page = wrapper.findComponent(CampaignPage).vm.$ as unknown as { setupState: { status: string } };
    page.setupState.status = 'failed';
    await settle();
    const last = new URL(calls.at(-1)!.url, 'http://desk');
    expect([last.pathname, Object.fromEntries(last.searchParams)]).toEqual([
      '/api/campaigns/cmp-1/recipients',
      { status: 'failed', limit: '50', offset: '0' },
    ]);
  });

  it('shows a refused action in the server’s words', async () => {
    const { fetch } = fakeFetch({
      'GET /api/campaigns/cmp-1': { body: withStats({ status: 'running' }) },
      'GET /api/campaigns/cmp-1/recipients': { body: [] },
      'POST /api/campaigns/cmp-1/pause': {
        status: 409,
        body: { error: 'campaign_finished', message: 'This campaign is finished.' },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(CampaignPage, { props: { id: 'cmp-1' } });
    await settle();
    expect(wrapper.text()).toContain('Niciun destinatar cu această stare.');
    await wrapper.find('[data-action="pause"]').trigger('click');
    await settle();
    expect(wrapper.find('[data-testid="campaign-action-error"]').text()).toContain('This campaign is finished.');
  });
});

describe('CampaignCreateForm', () => {
  const routes = (accounts: { status?: number; body?: unknown }) => ({
    'GET /api/message-templates': {
      body: [
        {
          id: 'tpl-sms',
          key: 'seminar',
          name: 'Invitație',
          channel: 'sms',
          format: 'text',
          locale: 'ro',
          active: true,
        },
        {
          id: 'tpl-mail',
          key: 'news',
          name: 'Newsletter',
          channel: 'email',
          format: 'mjml',
          locale: 'ro',
          active: true,
        },
      ],
    },
    'GET /api/segments': { body: [{ id: 'seg-1', name: 'Agricultori Orhei' }] },
    'GET /api/channel-accounts/senders': accounts,
    'POST /api/campaigns': (init: RequestInit) => ({ status: 201, body: campaign(JSON.parse(String(init.body))) }),
  });

  it('offers the accounts of the template’s channel and creates a draft with the task-on-open option', async () => {
    const { fetch, calls } = fakeFetch(
      routes({
        body: [
          { id: 'acc-sms', channel: 'sms', name: 'SMS router', provider: 'sms-router', active: true },
          { id: 'acc-mail', channel: 'email', name: 'Newsletter', provider: 'smtp', active: true },
        ],
      }),
    );
    api.configure({ fetch });
    const { wrapper } = mountDesk(CampaignCreateForm);
    await settle();
    const form = wrapper.findComponent(CampaignCreateForm).vm.$ as unknown as {
      setupState: { form: Record<string, unknown>; accountOptions: Array<{ value: string }> };
    };
    await wrapper.find('#campaign-name').setValue('Invitație seminar decembrie');
    form.setupState.form.templateId = 'tpl-sms';
    form.setupState.form.segmentId = 'seg-1';
    await flush();
    expect(form.setupState.accountOptions.map((o) => o.value)).toEqual(['acc-sms']);
    form.setupState.form.channelAccountId = 'acc-sms';
    await wrapper.find('[data-testid="campaign-task-on-open"]').trigger('click');
    await wrapper.find('[data-testid="campaign-form"]').trigger('submit');
    await settle();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Invitație seminar decembrie',
      templateId: 'tpl-sms',
      segmentId: 'seg-1',
      channelAccountId: 'acc-sms',
      taskOnOpen: true,
      trackOpens: true,
      trackClicks: true,
    });
    expect(wrapper.findComponent(CampaignCreateForm).emitted('created')).toHaveLength(1);
  });

  it('explains when the sending accounts cannot be listed (403)', async () => {
    const { fetch } = fakeFetch(
      routes({ status: 403, body: { error: 'forbidden', message: 'You need the settings.manage permission.' } }),
    );
    api.configure({ fetch });
    const { wrapper } = mountDesk(CampaignCreateForm);
    await settle();
    expect(wrapper.find('[data-testid="accounts-forbidden"]').text()).toContain('doar administratorilor');
  });
});
