import { describe, expect, it } from 'vitest';
import { api } from '@/api/api-client';
import type { ChannelAccount } from '@/api/settings/channel-accounts-settings-api';
import ChannelAccountsSettingsPage from '@/pages/settings/ChannelAccountsSettingsPage.vue';
import { fakeFetch, mountDesk } from '@/test-support/mount-desk';
import { choose, click, el, fill, settle, submit, text } from '../settings-test-kit';

const account = (id: string, over: Partial<ChannelAccount> = {}): ChannelAccount => ({
  id,
  provider: 'telegram',
  channel: 'telegram',
  name: `Cont ${id}`,
  config: { botToken: '********', webhookSecretToken: '********' },
  departmentId: null,
  defaultResponsibleUserId: null,
  createCardForNewContacts: true,
  ratePerSecond: 20,
  active: true,
  webhookPath: `/api/webhooks/telegram/${id}-token`,
  ...over,
});
const base = {
  'GET /api/channel-accounts': {
    body: [
      account('a1', { name: 'Bot Telegram' }),
      account('a2', {
        name: 'SMS Twilio',
        provider: 'twilio',
        channel: 'sms',
        active: false,
        config: { channel: 'sms', accountSid: 'AC123', authToken: '********', fromNumber: '+37360000000' },
      }),
    ],
  },
  'GET /api/departments': { body: [] },
  'GET /api/users': { body: [] },
};

describe('Channel accounts settings', { timeout: 90_000 }, () => {
  it('lists accounts with provider, channel and status, and switches one on', async () => {
    const { fetch, calls } = fakeFetch({
      ...base,
      'PATCH /api/channel-accounts/a2': (init) => ({
        body: { ...base['GET /api/channel-accounts'].body[1], ...JSON.parse(String(init.body)) },
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(ChannelAccountsSettingsPage);
    await settle();
    const twilio = wrapper.find('[data-account="a2"]');
    expect(twilio.text()).toContain('Twilio (SMS / WhatsApp)');
    expect(twilio.text()).toContain('sms');
    expect(twilio.text()).toContain('Dezactivat');
    await wrapper.find('[data-toggle-account="a2"]').trigger('click');
    await settle();
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ active: true });
    expect(wrapper.find('[data-account="a2"]').text()).toContain('Activ');
  });

  it('creates a Twilio account with its settings; the server’s config error shows in the settings', async () => {
    let posts = 0;
    const { fetch, calls } = fakeFetch({
      ...base,
      'POST /api/channel-accounts': (init) =>
        posts++ === 0
          ? {
              status: 400,
              body: {
                error: 'validation_failed',
                message: 'Please correct these fields: config.',
                fields: {
                  config: 'The provider settings are incomplete: fromNumber or messagingServiceSid is required',
                },
              },
            }
          : { status: 201, body: account('a3', { ...JSON.parse(String(init.body)), channel: 'whatsapp' }) },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(ChannelAccountsSettingsPage);
    await settle();
    await click('[data-testid="channel-new"]');
    await choose(wrapper, '[data-testid="channel-provider"]', 'twilio');
    await fill('#channel-name', 'WhatsApp centru');
    await choose(wrapper, '[data-setting="channel"]', 'whatsapp');
    await fill('#channel-setting-accountSid', 'AC999');
    await fill('#channel-setting-authToken', 'secret-token');
    await submit('[data-testid="channel-form"]');
    expect(text('[data-error="config"]')).toContain('fromNumber or messagingServiceSid is required');
    await fill('#channel-setting-fromNumber', '+37360111222');
    await submit('[data-testid="channel-form"]');
    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      provider: 'twilio',
      name: 'WhatsApp centru',
      config: { channel: 'whatsapp', accountSid: 'AC999', authToken: 'secret-token', fromNumber: '+37360111222' },
      departmentId: null,
      defaultResponsibleUserId: null,
      createCardForNewContacts: true,
      ratePerSecond: 20,
      active: true,
    });
    expect(wrapper.find('[data-account="a3"]').text()).toContain('WhatsApp centru');
  });

  it('never shows a stored secret; left empty it is sent back masked so the server keeps it', async () => {
    const { fetch, calls } = fakeFetch({
      ...base,
      'PATCH /api/channel-accounts/a1': (init) => ({
        body: account('a1', { name: JSON.parse(String(init.body)).name }),
      }),
    });
    api.configure({ fetch });
    mountDesk(ChannelAccountsSettingsPage);
    await settle();
    await click('[data-edit-account="a1"]');
    const secret = el<HTMLInputElement>('#channel-setting-botToken');
    expect(secret.value).toBe('');
    expect(secret.type).toBe('password');
    expect(secret.placeholder).toBe('Salvat — scrieți doar pentru a-l înlocui');
    expect(text('[data-testid="channel-webhook"]')).toBe('/api/webhooks/telegram/a1-token');
    await fill('#channel-name', 'Bot Telegram nou');
    await fill('#channel-setting-webhookSecretToken', 'new-secret');
    await submit('[data-testid="channel-form"]');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toMatchObject({
      name: 'Bot Telegram nou',
      config: { botToken: '********', webhookSecretToken: 'new-secret' },
    });
  });
});
