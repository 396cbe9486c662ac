import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffTelegramChats } from '../../src/notifications/notifications.schema.js';
import { staffTelegramLinkTokens } from '../../src/notifications/staff-telegram.schema.js';
import { users } from '../../src/users/users.schema.js';
import { createUserAndLogin } from '../consultations/crm-fixtures.js';
import { jsonOf, type FakeProviderApi } from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { startFakeBotApi } from './support/staff-channel-servers.js';

const BOT_TOKEN = '7012345678:AAE-staff-bot-token';
const SECRET = 'staff-bot-webhook-secret-0123456789';
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/** A Telegram Update as the Bot API posts it to a webhook (https://core.telegram.org/bots/api#update). */
function textUpdate(updateId: number, chatId: number, text: string, over: { type?: string; language?: string } = {}) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId + 1000,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: over.type ?? 'private', first_name: 'Ana' },
      from: { id: chatId, is_bot: false, first_name: 'Ana', language_code: over.language ?? 'en' },
      text,
    },
  };
}

describe('Connect Telegram: a one-time t.me link, consumed by /start <token> at the staff bot webhook', () => {
  let t: TestApp;
  let bot: FakeProviderApi;
  let ana: { id: string; token: string };
  let ion: { id: string; token: string };

  const webhook = (update: unknown, secret: string | null = SECRET) =>
    t.http('POST', '/api/webhooks/staff-telegram', {
      body: update,
      headers: secret === null ? {} : { [SECRET_HEADER]: secret },
    });
  const newLink = async (token: string) => {
    const res = await t.http('POST', '/api/me/telegram-link', { token });
    expect(res.status).toBe(201);
    return { ...res.body, token: new URL(res.body.url).searchParams.get('start')! } as {
      url: string;
      expiresAt: string;
      token: string;
    };
  };
  const replies = () => bot.requests.filter((r) => r.pathname === `/bot${BOT_TOKEN}/sendMessage`).map((r) => jsonOf(r));
  const chatOf = async (userId: string) =>
    (await t.db.select().from(staffTelegramChats).where(eq(staffTelegramChats.userId, userId)))[0]?.chatId;

  beforeAll(async () => {
    bot = await startFakeBotApi();
    t = await createTestApp({
      NOTIFY_TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      NOTIFY_TELEGRAM_API_ROOT: bot.baseUrl,
      NOTIFY_TELEGRAM_BOT_USERNAME: '@ConsultStaffBot',
      NOTIFY_TELEGRAM_WEBHOOK_SECRET: SECRET,
    });
    const admin = await t.login();
    ana = await createUserAndLogin(t, admin, { email: 'ana@test.local', role: 'consultant' });
    ion = await createUserAndLogin(t, admin, { email: 'ion@test.local', role: 'consultant' });
    await t.db.update(users).set({ locale: 'ru' }).where(eq(users.id, ion.id));
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await bot?.close();
  });

  it('gives a 15-minute t.me link whose token is URL-safe and stored only hashed; a new link replaces the old', async () => {
    const before = Date.now();
    const first = await newLink(ana.token);
    expect(first.url).toMatch(/^https:\/\/t\.me\/ConsultStaffBot\?start=[A-Za-z0-9_-]{20,64}$/);
    const ttl = new Date(first.expiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(14.9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    const second = await newLink(ana.token);
    expect(second.token).not.toBe(first.token);
    const stored = await t.db.select().from(staffTelegramLinkTokens);
    expect(stored).toHaveLength(1);
    expect(stored[0].userId).toBe(ana.id);
    expect(JSON.stringify(stored)).not.toContain(second.token);

    const sent = replies().length;
    expect((await webhook(textUpdate(1, 555001, `/start ${first.token}`))).status).toBe(200);
    expect(replies().slice(sent)).toEqual([
      expect.objectContaining({ chat_id: '555001', text: expect.stringContaining('no longer valid') }),
    ]);
    expect(await chatOf(ana.id)).toBeUndefined();
  });

  it('links the chat on /start <token>, replies in the user’s language, and ignores the retried update', async () => {
    const link = await newLink(ion.token);
    const sent = replies().length;
    const update = textUpdate(10, 777002, `/start ${link.token}`, { language: 'en' });
    const res = await webhook(update);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, outcome: 'linked' });
    expect(await chatOf(ion.id)).toBe('777002');
    const prefs = await t.http('GET', '/api/me/notification-preferences', { token: ion.token });
    expect(prefs.body.telegramLinked).toBe(true);
    expect(replies().slice(sent)).toEqual([
      expect.objectContaining({ chat_id: '777002', text: expect.stringContaining('Уведомления Consult CRM') }),
    ]);

    const retried = await webhook(update);
    expect(retried.status).toBe(200);
    expect(retried.body.outcome).toBe('duplicate');
    expect(replies()).toHaveLength(sent + 1);
    expect(await chatOf(ion.id)).toBe('777002');

    const audit = await t.http('GET', `/api/audit?entityType=user&entityId=${ion.id}`, { token: await t.login() });
    expect(JSON.stringify(audit.body)).toContain('notification.telegram_linked');
  });

  it('refuses a used token (new update) and an expired one, telling to generate a new link', async () => {
    const link = await newLink(ana.token);
    expect((await webhook(textUpdate(20, 555001, `/start ${link.token}`))).body.outcome).toBe('linked');
    expect(await chatOf(ana.id)).toBe('555001');
    const sent = replies().length;
    const reused = await webhook(textUpdate(21, 888003, `/start ${link.token}`, { language: 'ro' }));
    expect(reused.body.outcome).toBe('invalid_token');
    expect(await chatOf(ana.id)).toBe('555001');
    expect(replies().slice(sent)).toEqual([
      expect.objectContaining({ chat_id: '888003', text: expect.stringContaining('Generați unul nou') }),
    ]);

    const expiring = await newLink(ana.token);
    await t.db
      .update(staffTelegramLinkTokens)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(staffTelegramLinkTokens.userId, ana.id));
    const expired = await webhook(textUpdate(22, 888003, `/start ${expiring.token}`, { language: 'ro' }));
    expect(expired.body.outcome).toBe('invalid_token');
    expect(await chatOf(ana.id)).toBe('555001');
    expect(replies().at(-1)).toMatchObject({ chat_id: '888003', text: expect.stringContaining('a expirat') });
  });

  it('answers 401 to a wrong or missing secret and changes nothing', async () => {
    await t.db.delete(staffTelegramChats).where(eq(staffTelegramChats.userId, ana.id));
    const link = await newLink(ana.token);
    const sent = replies().length;
    for (const secret of ['wrong-secret-0123456789', null]) {
      const res = await webhook(textUpdate(30, 555001, `/start ${link.token}`), secret);
      expect(res.status).toBe(401);
      expect(res.body.error).toBe('invalid_signature');
    }
    expect(replies()).toHaveLength(sent);
    expect(await chatOf(ana.id)).toBeUndefined();
    // Neither the token nor the update id was spent: the genuine delivery of update 30 still links.
    expect((await webhook(textUpdate(30, 555001, `/start ${link.token}`))).body.outcome).toBe('linked');
    expect(await chatOf(ana.id)).toBe('555001');
  });

  it('unlinks on /stop with a confirmation, and ignores other updates and group chats without replying', async () => {
    const sent = replies().length;
    const stop = await webhook(textUpdate(40, 555001, '/stop', { language: 'en' }));
    expect(stop.body.outcome).toBe('unlinked');
    expect(await chatOf(ana.id)).toBeUndefined();
    expect(replies().slice(sent)).toEqual([
      expect.objectContaining({ chat_id: '555001', text: expect.stringContaining('nu mai sosesc') }),
    ]);
    expect((await webhook(textUpdate(40, 555001, '/stop'))).body.outcome).toBe('duplicate');
    expect((await webhook(textUpdate(41, 555001, '/stop'))).body.outcome).toBe('not_linked');
    // Opening the bot without a link (a bare /start) says where to connect it.
    expect((await webhook(textUpdate(42, 555001, '/start', { language: 'ru' }))).body.outcome).toBe('not_linked');
    expect(replies().at(-1)).toMatchObject({ chat_id: '555001', text: expect.stringContaining('Подключите его') });

    const others = [
      textUpdate(50, 555001, 'hello'),
      textUpdate(51, -100123, '/stop', { type: 'group' }),
      { update_id: 52, edited_message: textUpdate(52, 555001, '/stop').message },
      { update_id: 53, my_chat_member: { chat: { id: 555001, type: 'private' } } },
    ];
    const before = replies().length;
    for (const update of others) {
      const res = await webhook(update);
      expect(res.status).toBe(200);
      expect(res.body.outcome).toBe('ignored');
    }
    expect(replies()).toHaveLength(before);
    expect(await chatOf(ion.id)).toBe('777002');
  });
});

describe('Connect Telegram on a server without the staff bot set up', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ NOTIFY_TELEGRAM_BOT_TOKEN: BOT_TOKEN });
  }, 180_000);
  afterAll(async () => t?.close());

  it('tells which keys the administrator must set, and the webhook refuses every call', async () => {
    const res = await t.http('POST', '/api/me/telegram-link', { token: await t.login() });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('telegram_not_configured');
    expect(res.body.message).toContain('NOTIFY_TELEGRAM_BOT_USERNAME, NOTIFY_TELEGRAM_WEBHOOK_SECRET');
    expect(res.body.missing).toEqual(['NOTIFY_TELEGRAM_BOT_USERNAME', 'NOTIFY_TELEGRAM_WEBHOOK_SECRET']);
    const hook = await t.http('POST', '/api/webhooks/staff-telegram', {
      body: textUpdate(1, 555001, '/stop'),
      headers: { [SECRET_HEADER]: '' },
    });
    expect(hook.status).toBe(401);
  });
});
