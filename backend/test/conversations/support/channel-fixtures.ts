import { createHmac } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { consultationCards } from '../../../src/consultations/consultations.schema.js';
import { contactChannelIdentities, contacts } from '../../../src/contacts/contacts.schema.js';
import { conversations, messages, outbox } from '../../../src/conversations/conversations.schema.js';
import { inboundDeliveries } from '../../../src/conversations/inbound-deliveries.schema.js';
import { tasks } from '../../../src/tasks/tasks.schema.js';
import type { TestApp, TestResponse } from '../../support/test-app.js';

export const TELEGRAM = { botToken: '7012345678:AAE-test-token', webhookSecretToken: 'wh-secret-3f9a' };
export const TWILIO = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  authToken: '12345678901234567890123456789012',
  fromNumber: '+37322000100',
};
export const META = {
  appSecret: 'c0ffee00deadbeef0123456789abcdef',
  verifyToken: 'consult-crm-verify',
  pageAccessToken: 'EAAGm0PX4ZCpsBAPageToken',
};
export const VIBER = { authToken: '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f', senderName: 'Consult Centre' };

export type Account = { id: string; channel: string; webhookPath: string; config: Record<string, unknown> };

export async function createAccount(t: TestApp, token: string, body: Record<string, unknown>): Promise<Account> {
  const res = await t.http('POST', '/api/channel-accounts', { token, body });
  if (res.status !== 201) throw new Error(`channel account: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function telegramUpdate(
  updateId: number,
  messageId: number,
  userId: number,
  text: string,
  extra: object = {},
): string {
  return JSON.stringify({
    update_id: updateId,
    message: {
      message_id: messageId,
      from: {
        id: userId,
        is_bot: false,
        first_name: 'Olena',
        last_name: 'Kovalenko',
        username: 'olena_k',
        language_code: 'ru',
      },
      chat: { id: userId, first_name: 'Olena', type: 'private' },
      date: 1732350000,
      text,
      ...extra,
    },
  });
}

/**
 * The webhook answers once its messages are accepted; they are stored by the batch processor moments later. Tests
 * that read what a message created poll here first: no accepted delivery left waiting.
 */
export async function untilInboundProcessed(t: TestApp, timeoutMs = 20_000): Promise<void> {
  await waitFor(
    async () => Number((await t.db.select({ n: count() }).from(inboundDeliveries))[0].n) === 0,
    timeoutMs,
    'accepted webhook deliveries to be processed',
  );
}

async function processed(t: TestApp, response: Promise<TestResponse>): Promise<TestResponse> {
  const res = await response;
  if (res.status === 200) await untilInboundProcessed(t);
  return res;
}

/** The webhook call alone: answers as soon as the delivery is accepted. */
export function postTelegramAccepted(
  t: TestApp,
  account: Account,
  body: string,
  secret = TELEGRAM.webhookSecretToken,
): Promise<TestResponse> {
  return t.http('POST', account.webhookPath, {
    body,
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
  });
}

export function postTelegram(
  t: TestApp,
  account: Account,
  body: string,
  secret = TELEGRAM.webhookSecretToken,
): Promise<TestResponse> {
  return processed(t, postTelegramAccepted(t, account, body, secret));
}

/** Twilio's documented scheme: base64 HMAC-SHA1(authToken, url + sorted key+value). */
export function twilioSignature(url: string, fields: Record<string, string>, authToken = TWILIO.authToken): string {
  const payload = Object.keys(fields)
    .sort()
    .reduce((acc, key) => acc + key + fields[key], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

export function postTwilio(
  t: TestApp,
  account: Account,
  fields: Record<string, string>,
  authToken = TWILIO.authToken,
): Promise<TestResponse> {
  return processed(
    t,
    t.http('POST', account.webhookPath, {
      body: new URLSearchParams(fields).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(`${t.baseUrl}${account.webhookPath}`, fields, authToken),
      },
    }),
  );
}

export function postMeta(t: TestApp, account: Account, body: string, secret = META.appSecret): Promise<TestResponse> {
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return processed(
    t,
    t.http('POST', account.webhookPath, {
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    }),
  );
}

export function postViber(t: TestApp, account: Account, body: string, token = VIBER.authToken): Promise<TestResponse> {
  const signature = createHmac('sha256', token).update(body).digest('hex');
  return processed(
    t,
    t.http('POST', account.webhookPath, {
      body,
      headers: { 'content-type': 'application/json', 'x-viber-content-signature': signature },
    }),
  );
}

/** Row counts of everything an inbound message creates. */
export async function counts(t: TestApp) {
  const n = async (table: any) => Number((await t.db.select({ n: count() }).from(table))[0].n);
  return {
    contacts: await n(contacts),
    conversations: await n(conversations),
    messages: await n(messages),
    tasks: await n(tasks),
    cards: await n(consultationCards),
    outbox: await n(outbox),
  };
}

export async function contactOfIdentity(t: TestApp, channel: string, providerUserId: string) {
  const [identity] = await t.db
    .select()
    .from(contactChannelIdentities)
    .where(
      and(eq(contactChannelIdentities.channel, channel), eq(contactChannelIdentities.providerUserId, providerUserId)),
    );
  if (!identity) return undefined;
  const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, identity.contactId));
  return contact;
}

export async function conversationWithMessages(t: TestApp, contactId: string) {
  const [conversation] = await t.db.select().from(conversations).where(eq(conversations.contactId, contactId));
  const rows = conversation
    ? await t.db.select().from(messages).where(eq(messages.conversationId, conversation.id)).orderBy(messages.createdAt)
    : [];
  const taskRows = await t.db.select().from(tasks).where(eq(tasks.contactId, contactId));
  const cardRows = await t.db.select().from(consultationCards).where(eq(consultationCards.contactId, contactId));
  return { conversation, messages: rows, tasks: taskRows, cards: cardRows };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const nowSql = sql`now()`;
