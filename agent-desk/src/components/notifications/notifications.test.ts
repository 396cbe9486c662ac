import { describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { api } from '@/api/api-client';
import type { NotificationPreferences, StaffNotification } from '@/api/notifications-api';
import NotificationSettingsPage from '@/pages/NotificationSettingsPage.vue';
import { useNotificationsStore } from '@/stores/notifications';
import { useRealtimeStore } from '@/stores/realtime';
import { fakeFetch, flush, mountDesk } from '@/test-support/mount-desk';
import NotificationBell from './NotificationBell.vue';
import NotificationList from './NotificationList.vue';
import { notificationTarget } from './notification-links';

const row = (id: string, over: Partial<StaffNotification> = {}): StaffNotification => ({
  id,
  userId: 'u-ana',
  kind: 'card_stuck',
  title: `Consultația „Grant ${id}” stă de 5 zile în etapa Aplicare`,
  body: 'Verificați documentele.',
  entityType: 'consultation_card',
  entityId: `card-${id}`,
  deliveries: {},
  readAt: null,
  createdAt: '2026-12-01T08:00:00.000Z',
  ...over,
});
const flushAll = async () => {
  for (let i = 0; i < 4; i++) await flush();
};

describe('notifications store', () => {
  it('counts live pushes once, and refreshes the count after a reconnect', async () => {
    let unread = 2;
    const { fetch, calls } = fakeFetch({ 'GET /api/me/notifications/unread-count': () => ({ body: { unread } }) });
    api.configure({ fetch });
    setActivePinia(createPinia());
    const store = useNotificationsStore();
    const realtime = useRealtimeStore();
    store.start();
    await flushAll();
    expect(store.unread).toBe(2);
    realtime.dispatch('notification:new', row('n3'));
    realtime.dispatch('notification:new', row('n3'));
    expect(store.unread).toBe(3);
    expect(store.items.map((n) => n.id)).toEqual(['n3']);
    unread = 7;
    realtime.status = 'disconnected';
    await flush();
    realtime.status = 'connected';
    await flushAll();
    expect(store.unread).toBe(7);
    expect(calls.filter((c) => c.url === '/api/me/notifications/unread-count')).toHaveLength(2);
    store.stop();
    realtime.dispatch('notification:new', row('n4'));
    expect(store.items).toHaveLength(1);
  });

  it('marks read optimistically and puts the list back when the server refuses', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /api/me/notifications/read': {
        status: 400,
        body: { error: 'validation_failed', message: 'Give the ids to mark read, or all: true.' },
      },
    });
    api.configure({ fetch });
    setActivePinia(createPinia());
    const store = useNotificationsStore();
    store.items = [row('n1'), row('n2')];
    store.unread = 2;
    await expect(store.markRead(['n1'])).rejects.toThrow('Give the ids');
    expect(calls[0].body).toEqual({ ids: ['n1'] });
    expect(store.items.every((n) => n.readAt === null)).toBe(true);
  });

  it('links each kind of entity to its desk page', () => {
    expect(notificationTarget({ entityType: 'consultation_card', entityId: 'c1' })).toEqual({ path: '/cards/c1' });
    expect(notificationTarget({ entityType: 'conversation', entityId: 'v1' })).toEqual({ path: '/inbox/v1' });
    expect(notificationTarget({ entityType: 'task', entityId: 't1' })).toEqual({ path: '/tasks' });
    expect(notificationTarget({ entityType: null, entityId: null })).toBeNull();
  });
});

describe('NotificationBell', () => {
  it('shows the unread count, lists on click, and marks all read', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/me/notifications/unread-count': { body: { unread: 2 } },
      'GET /api/me/notifications': {
        body: {
          items: [
            row('n1'),
            row('n2', { readAt: '2026-12-01T09:00:00.000Z', kind: 'task_overdue', entityType: 'task' }),
          ],
          unread: 1,
        },
      },
      'POST /api/me/notifications/read': { body: { marked: 1, unread: 0 } },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(NotificationBell);
    await flushAll();
    const bell = wrapper.find('[data-testid="notification-bell"]');
    expect(bell.attributes('aria-label')).toBe('Notificări, 2 necitite');
    expect(wrapper.find('[data-testid="notification-count"]').text()).toContain('2');
    await bell.trigger('click');
    await flushAll();
    const list = document.querySelector('[data-testid="notification-list"]')!;
    expect(list).not.toBeNull();
    expect(calls.some((c) => c.url.startsWith('/api/me/notifications?'))).toBe(true);
    expect(list.querySelectorAll('li.unread')).toHaveLength(1);
    expect(list.textContent).toContain('Sarcină restantă');
    (list.querySelector('[data-testid="mark-all-read"]') as HTMLButtonElement).click();
    await flushAll();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ all: true });
    expect(bell.attributes('aria-label')).toBe('Notificări');
  });

  it('opens what a notification is about and marks it read', async () => {
    const { fetch, calls } = fakeFetch({ 'POST /api/me/notifications/read': { body: { marked: 1, unread: 0 } } });
    api.configure({ fetch });
    const pinia = createPinia();
    setActivePinia(pinia);
    const store = useNotificationsStore();
    store.items = [row('n1')];
    store.unread = 1;
    const { wrapper, router } = mountDesk(NotificationList, { pinia });
    await flush();
    await wrapper.find('[data-notification="n1"] button').trigger('click');
    await flushAll();
    expect(calls[0].body).toEqual({ ids: ['n1'] });
    expect(router.currentRoute.value.path).toBe('/cards/card-n1');
    expect(wrapper.findComponent(NotificationList).emitted('navigate')).toHaveLength(1);
    expect(store.unread).toBe(0);
  });
});

describe('NotificationSettingsPage', () => {
  const prefs = (over: Partial<NotificationPreferences> = {}): NotificationPreferences => ({
    channelsAvailable: { in_app: true, email: true, telegram: false },
    telegramLinked: false,
    preferences: [
      { kind: 'automation', channels: ['in_app'] },
      { kind: 'card_stuck', channels: ['in_app'] },
      { kind: 'task_overdue', channels: ['in_app'] },
      { kind: 'call_missed', channels: ['in_app'] },
      { kind: 'message_received', channels: ['in_app'] },
      { kind: 'task_assigned', channels: ['in_app'] },
    ],
    ...over,
  });

  it('saves the channels ticked per kind; channels the server lacks are disabled', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /api/me/notification-preferences': { body: prefs() },
      'PUT /api/me/notification-preferences': (init) => ({
        body: prefs({ preferences: JSON.parse(String(init.body)).preferences }),
      }),
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(NotificationSettingsPage);
    await flushAll();
    const box = (kind: string, channel: string) => wrapper.find(`[data-kind="${kind}"] [data-channel="${channel}"]`);
    expect(box('task_overdue', 'telegram').classes()).toContain('n-checkbox--disabled');
    expect(box('task_overdue', 'email').attributes('aria-label')).toBe('Sarcină restantă: E-mail');
    await box('task_overdue', 'email').trigger('click');
    await box('call_missed', 'in_app').trigger('click');
    await wrapper.find('[data-testid="notification-preferences"]').trigger('submit');
    await flushAll();
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({
      preferences: [
        { kind: 'automation', channels: ['in_app'] },
        { kind: 'card_stuck', channels: ['in_app'] },
        { kind: 'task_overdue', channels: ['in_app', 'email'] },
        { kind: 'call_missed', channels: [] },
        { kind: 'message_received', channels: ['in_app'] },
        { kind: 'task_assigned', channels: ['in_app'] },
      ],
    });
    expect(document.body.textContent).toContain('Preferințele au fost salvate.');
    expect(wrapper.text()).toContain('Notificările prin Telegram nu sunt configurate pe acest server.');
  });

  it('shows the server’s refusal next to the kind it is about', async () => {
    const { fetch } = fakeFetch({
      'GET /api/me/notification-preferences': { body: prefs() },
      'PUT /api/me/notification-preferences': {
        status: 400,
        body: {
          error: 'validation_failed',
          message: 'Please correct these fields: preferences.2.channels.',
          fields: {
            'preferences.2.channels': 'E-mail notifications are not set up on this server; ask an administrator.',
          },
        },
      },
    });
    api.configure({ fetch });
    const { wrapper } = mountDesk(NotificationSettingsPage);
    await flushAll();
    await wrapper.find('[data-testid="notification-preferences"]').trigger('submit');
    await flushAll();
    expect(wrapper.find('[data-kind="task_overdue"] [role="alert"]').text()).toBe(
      'E-mail notifications are not set up on this server; ask an administrator.',
    );
    expect(wrapper.find('[data-testid="preferences-error"]').text()).toContain('Please correct these fields');
  });

  it('connects Telegram through a one-time link opened in a new tab, shows it linked, and disconnects', async () => {
    const available = { in_app: true, email: false, telegram: true } as const;
    let linked = false;
    const url = 'https://t.me/ConsultStaffBot?start=Zk3_q-9aXb';
    const { fetch, calls } = fakeFetch({
      'GET /api/me/notification-preferences': () => ({
        body: prefs({ channelsAvailable: available, telegramLinked: linked }),
      }),
      'POST /api/me/telegram-link': {
        status: 201,
        body: { url, expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() },
      },
      'DELETE /api/me/telegram-chat': () => {
        linked = false;
        return { body: prefs({ channelsAvailable: available, telegramLinked: false }) };
      },
    });
    api.configure({ fetch });
    const tab = { opener: {} as unknown, location: { href: '' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const { wrapper } = mountDesk(NotificationSettingsPage);
    await flushAll();
    expect(wrapper.find('#telegram-chat-id').exists()).toBe(false);
    const connect = wrapper.find('[data-testid="telegram-connect"]');
    expect(connect.text()).toBe('Conectează Telegram');
    await connect.trigger('click');
    await flushAll();
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.opener).toBeNull();
    expect(tab.location.href).toBe(url);
    const waiting = wrapper.find('[data-testid="telegram-waiting"]');
    expect(waiting.text()).toContain('Apăsați Start');
    expect(wrapper.find('[data-testid="telegram-open"]').attributes('href')).toBe(url);

    // The user pressed Start in Telegram and comes back to the desk's tab.
    linked = true;
    window.dispatchEvent(new Event('focus'));
    await flushAll();
    expect(wrapper.find('[data-testid="telegram-linked"]').text()).toContain('Contul Telegram este conectat');
    expect(document.body.textContent).toContain('Telegram a fost conectat.');
    expect(wrapper.find('[data-testid="telegram-waiting"]').exists()).toBe(false);

    await wrapper.find('[data-testid="telegram-unlink"]').trigger('click');
    await flushAll();
    expect(calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/me/telegram-link',
      'DELETE /api/me/telegram-chat',
    ]);
    expect(wrapper.find('[data-testid="telegram-connect"]').exists()).toBe(true);
    open.mockRestore();
  });

  it('closes the blank tab and shows which keys are missing when the server has no staff bot', async () => {
    const { fetch } = fakeFetch({
      'GET /api/me/notification-preferences': {
        body: prefs({ channelsAvailable: { in_app: true, email: false, telegram: true } }),
      },
      'POST /api/me/telegram-link': {
        status: 422,
        body: {
          error: 'telegram_not_configured',
          message:
            'Telegram notifications are not set up on this server; an administrator must set NOTIFY_TELEGRAM_BOT_USERNAME.',
        },
      },
    });
    api.configure({ fetch });
    const tab = { opener: {} as unknown, location: { href: '' }, close: vi.fn() };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const { wrapper } = mountDesk(NotificationSettingsPage);
    await flushAll();
    await wrapper.find('[data-testid="telegram-connect"]').trigger('click');
    await flushAll();
    expect(tab.close).toHaveBeenCalled();
    expect(wrapper.find('[data-testid="telegram-link"] [role="alert"]').text()).toContain(
      'NOTIFY_TELEGRAM_BOT_USERNAME',
    );
    expect(wrapper.find('[data-testid="telegram-waiting"]').exists()).toBe(false);
    open.mockRestore();
  });

  it('says the link expired once its time is up, and offers to connect again', async () => {
    const { fetch } = fakeFetch({
      'GET /api/me/notification-preferences': {
        body: prefs({ channelsAvailable: { in_app: true, email: false, telegram: true } }),
      },
      'POST /api/me/telegram-link': {
        status: 201,
        body: { url: 'https://t.me/ConsultStaffBot?start=abc', expiresAt: new Date(Date.now() + 50).toISOString() },
      },
    });
    api.configure({ fetch });
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const { wrapper } = mountDesk(NotificationSettingsPage);
    await flushAll();
    await wrapper.find('[data-testid="telegram-connect"]').trigger('click');
    await flushAll();
    // A blocked pop-up still leaves the link to click.
    expect(wrapper.find('[data-testid="telegram-open"]').attributes('href')).toBe(
      'https://t.me/ConsultStaffBot?start=abc',
    );
    await new Promise((resolve) => setTimeout(resolve, 80));
    window.dispatchEvent(new Event('focus'));
    await flushAll();
    expect(wrapper.find('[data-testid="telegram-waiting"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="telegram-link"]').text()).toContain('Linkul a expirat');
    expect(wrapper.find('[data-testid="telegram-connect"]').exists()).toBe(true);
    open.mockRestore();
  });
});
