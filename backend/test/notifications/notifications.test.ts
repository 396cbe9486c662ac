import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/notifications/notifications.schema.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { eventually, sleep } from '../automation/support/automation-kit.js';
import { createUserAndLogin } from '../consultations/crm-fixtures.js';
import type { FakeProviderApi } from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startFakeBotApi, startLocalSmtp, type LocalSmtp } from './support/staff-channel-servers.js';

const BOT_TOKEN = '7012345678:AAE-staff-bot-token';
const SMTP_USER = { user: 'crm-mailer', pass: 'smtp-secret-123' };

describe('staff notifications: stored, pushed live, copied by e-mail and Telegram as each user chose', () => {
  let t: TestApp;
  let smtp: LocalSmtp;
  let bot: FakeProviderApi;
  let admin: string;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };
  let service: NotificationsService;

  beforeAll(async () => {
    smtp = await startLocalSmtp(SMTP_USER);
    bot = await startFakeBotApi();
    t = await createTestApp({
      PUBLIC_URL: 'https://crm.example.md',
      NOTIFY_SMTP_HOST: '127.0.0.1',
      NOTIFY_SMTP_PORT: String(smtp.port),
      NOTIFY_SMTP_IGNORE_TLS: 'true',
      NOTIFY_SMTP_USER: SMTP_USER.user,
      NOTIFY_SMTP_PASSWORD: SMTP_USER.pass,
      NOTIFY_EMAIL_FROM: 'crm@consult.md',
      NOTIFY_TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      NOTIFY_TELEGRAM_API_ROOT: bot.baseUrl,
    });
    admin = await t.login();
    ana = await createUserAndLogin(t, admin, { email: 'ana@test.local', role: 'consultant' });
    ion = await createUserAndLogin(t, admin, { email: 'ion@test.local', role: 'consultant' });
    service = t.app.get(NotificationsService);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await bot?.close();
  });

  it('lets each user choose channels per kind, refusing unknown kinds and channels by field', async () => {
    const defaults = await t.http('GET', '/api/me/notification-preferences', { token: ana.token });
    expect(defaults.status).toBe(200);
    expect(defaults.body.channelsAvailable).toEqual({ in_app: true, email: true, telegram: true });
    expect(defaults.body.telegramLinked).toBe(false);
    expect(defaults.body.preferences).toContainEqual({ kind: 'card_stuck', channels: ['in_app'] });

    const bad = await t.http('PUT', '/api/me/notification-preferences', {
      token: ana.token,
      body: { preferences: [{ kind: 'weather', channels: ['pigeon'] }] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['preferences.0.channels.0', 'preferences.0.kind']);
    const badChat = await t.http('PUT', '/api/me/telegram-chat', { token: ana.token, body: { chatId: '@ana' } });
    expect(badChat.status).toBe(400);
    expect(badChat.body.fields.chatId).toContain('number');

    expect(
      (await t.http('PUT', '/api/me/telegram-chat', { token: ana.token, body: { chatId: '555001' } })).body
        .telegramLinked,
    ).toBe(true);
    const saved = await t.http('PUT', '/api/me/notification-preferences', {
      token: ana.token,
      body: {
        preferences: [
          { kind: 'card_stuck', channels: ['in_app', 'email', 'telegram'] },
          { kind: 'task_overdue', channels: ['email'] },
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.preferences).toContainEqual({ kind: 'card_stuck', channels: ['in_app', 'email', 'telegram'] });
    expect(saved.body.preferences).toContainEqual({ kind: 'task_overdue', channels: ['email'] });
    const audit = await t.http('GET', `/api/audit?entityType=notification_preferences&entityId=${ana.id}`, {
      token: admin,
    });
    expect(JSON.stringify(audit.body)).toContain('task_overdue');
  });

  it('pushes in-app over Socket.IO and sends the e-mail and Telegram copies through the queue', async () => {
    const socket: Socket = io(`${t.baseUrl}/agent`, {
      auth: { token: ana.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise((resolve) => socket.on('session:ready', resolve));
    const pushed = new Promise<{ title: string; userId: string }>((resolve) => socket.on('notification:new', resolve));
    const [row] = await service.notify({
      userIds: [ana.id, ana.id],
      kind: 'card_stuck',
      title: 'Card "Grant PARE" is waiting in Nou',
      body: 'It has been there for 30 h.',
      entityType: 'consultation_card',
      entityId: '7d1f0d6e-8f5e-4c35-9d59-3b6b1c0f9a01',
    });
    expect(await pushed).toMatchObject({ userId: ana.id, title: 'Card "Grant PARE" is waiting in Nou' });
    socket.close();

    const mail = await eventually(async () => smtp.received[0], 8_000, 'the e-mail copy');
    expect(mail.rcptTo).toEqual(['ana@test.local']);
    expect(mail.authUser).toBe(SMTP_USER.user);
    expect(mail.mail.subject).toBe('Card "Grant PARE" is waiting in Nou');
    expect(mail.mail.from?.value[0]).toMatchObject({ address: 'crm@consult.md', name: 'Consult CRM' });
    expect(mail.mail.text).toContain('It has been there for 30 h.');
    expect(mail.mail.text).toContain('https://crm.example.md/cards/7d1f0d6e-8f5e-4c35-9d59-3b6b1c0f9a01');

    const sent = await eventually(
      async () => bot.requests.find((r) => r.pathname === `/bot${BOT_TOKEN}/sendMessage`),
      8_000,
      'the Telegram copy',
    );
    const body = JSON.parse(sent.body.toString('utf8'));
    expect(String(body.chat_id)).toBe('555001');
    expect(body.text).toBe(
      'Card "Grant PARE" is waiting in Nou\n\nIt has been there for 30 h.\n\nhttps://crm.example.md/cards/7d1f0d6e-8f5e-4c35-9d59-3b6b1c0f9a01',
    );

    const stored = await eventually(
      async () => {
        const [n] = await t.db.select().from(notifications).where(eq(notifications.id, row.id));
        return n.deliveries.email?.status === 'sent' && n.deliveries.telegram?.status === 'sent' ? n : undefined;
      },
      8_000,
      'deliveries recorded',
    );
    expect(stored.userId).toBe(ana.id);
    expect(await t.db.select().from(notifications).where(eq(notifications.userId, ana.id))).toHaveLength(1);
  });

  it('respects a kind without in-app and users on defaults (in-app only, no copies)', async () => {
    const mailsBefore = smtp.received.length;
    const botBefore = bot.requests.length;
    const socket: Socket = io(`${t.baseUrl}/agent`, {
      auth: { token: ana.token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise((resolve) => socket.on('session:ready', resolve));
    const live: unknown[] = [];
    socket.on('notification:new', (n) => live.push(n));
    await service.notify({ userIds: [ana.id, ion.id], kind: 'task_overdue', title: 'Task overdue: call back Natalia' });
    await eventually(async () => smtp.received.length === mailsBefore + 1, 8_000, 'one e-mail');
    await sleep(500);
    socket.close();
    expect(live).toHaveLength(0); // ana chose e-mail only for overdue tasks
    expect(smtp.received.at(-1)!.rcptTo).toEqual(['ana@test.local']);
    expect(bot.requests.length).toBe(botBefore);
    const ionList = await t.http('GET', '/api/me/notifications', { token: ion.token });
    expect(ionList.body).toMatchObject({
      unread: 1,
      items: [{ kind: 'task_overdue', title: 'Task overdue: call back Natalia', deliveries: {} }],
    });
  });

  it('lists, counts unread and marks read — only one’s own', async () => {
    const list = await t.http('GET', '/api/me/notifications', { token: ana.token });
    expect(list.status).toBe(200);
    expect(list.body.unread).toBe(2);
    expect(list.body.items.map((n: { kind: string }) => n.kind)).toEqual(['task_overdue', 'card_stuck']);
    const [newest, older] = list.body.items;
    const foreign = await t.http('POST', '/api/me/notifications/read', {
      token: ion.token,
      body: { ids: [newest.id] },
    });
    expect(foreign.body).toMatchObject({ marked: 0, unread: 1 });
    const one = await t.http('POST', '/api/me/notifications/read', { token: ana.token, body: { ids: [older.id] } });
    expect(one.body).toEqual({ marked: 1, unread: 1 });
    expect(
      (await t.http('GET', '/api/me/notifications?unread=true', { token: ana.token })).body.items.map(
        (n: { id: string }) => n.id,
      ),
    ).toEqual([newest.id]);
    const all = await t.http('POST', '/api/me/notifications/read', { token: ana.token, body: { all: true } });
    expect(all.body).toEqual({ marked: 1, unread: 0 });
    expect((await t.http('GET', '/api/me/notifications/unread-count', { token: ana.token })).body).toEqual({
      unread: 0,
    });
    expect((await t.http('POST', '/api/me/notifications/read', { token: ana.token, body: {} })).status).toBe(400);
  });

  it('unlinks Telegram: later copies for that channel are not planned', async () => {
    const res = await t.http('DELETE', '/api/me/telegram-chat', { token: ana.token });
    expect(res.body.telegramLinked).toBe(false);
    const before = bot.requests.length;
    const [row] = await service.notify({ userIds: [ana.id], kind: 'card_stuck', title: 'Another stuck card' });
    expect(Object.keys(row.deliveries)).toEqual(['email']);
    await eventually(
      async () =>
        (await t.db.select().from(notifications).where(eq(notifications.id, row.id)))[0].deliveries.email?.status ===
        'sent',
      8_000,
      'e-mail sent',
    );
    expect(bot.requests.length).toBe(before);
  });
});
