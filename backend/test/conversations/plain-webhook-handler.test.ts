import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  TELEGRAM,
  contactOfIdentity,
  conversationWithMessages,
  counts,
  createAccount,
  postTelegram,
  telegramUpdate,
  type Account,
} from './support/channel-fixtures.js';

/** JSON webhooks are answered ahead of Nest (plainWebhookHandler): the same answers as every other route gives. */
describe('provider webhooks with a JSON body, ahead of the Nest pipeline', () => {
  let t: TestApp;
  let account: Account;
  const json = (body: string, headers: Record<string, string> = {}) => ({
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.login();
    account = await createAccount(t, admin, {
      provider: 'telegram',
      name: 'Telegram bot',
      config: { ...TELEGRAM, apiRoot: 'http://127.0.0.1:9' },
    });
  });
  afterAll(() => t?.close());

  it('stores a signed message once, with a request id; a charset in the content type is fine', async () => {
    const body = telegramUpdate(1, 71, 5550001, 'Bună ziua');
    const res = await postTelegram(t, account, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w.-]{8,100}$/);
    // Answered ahead of the pipeline: none of helmet's headers (the Nest routes below have them).
    expect(res.headers.get('x-content-type-options')).toBeNull();
    const again = await t.http(
      'POST',
      account.webhookPath,
      json(body, {
        'content-type': 'application/json; charset=utf-8',
        'x-telegram-bot-api-secret-token': TELEGRAM.webhookSecretToken,
        'x-request-id': 'provider-retry-0001',
      }),
    );
    expect(again.status).toBe(200);
    expect(again.headers.get('x-request-id')).toBe('provider-retry-0001');
    await postTelegram(t, account, telegramUpdate(2, 72, 5550001, 'Încă o întrebare'));
    const contact = await contactOfIdentity(t, 'telegram', '5550001');
    const thread = await conversationWithMessages(t, contact!.id);
    expect(thread.messages.map((m) => m.text)).toEqual(['Bună ziua', 'Încă o întrebare']);
  });

  it('answers 401, 404 and malformed bodies as `{ error, message, fields? }`, storing nothing', async () => {
    const before = await counts(t);
    const forged = await t.http(
      'POST',
      account.webhookPath,
      json(telegramUpdate(3, 73, 5550002, 'forged'), { 'x-telegram-bot-api-secret-token': 'not-the-secret' }),
    );
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({
      error: 'invalid_signature',
      message: 'The webhook signature does not match this account.',
    });
    const unknown = await t.http('POST', '/api/webhooks/telegram/not-a-token', json('{}'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: 'not_found',
      message: 'No active channel account has this webhook address.',
    });
    const wrongChannel = await t.http('POST', account.webhookPath.replace('/telegram/', '/viber/'), json('{}'));
    expect(wrongChannel.status).toBe(404);

    // The same answer the JSON body parser gives on any other route.
    const viaNest = await t.http('POST', '/api/auth/login', json('{"email": '));
    for (const bad of ['{"update_id": ', '42']) {
      const malformed = await t.http(
        'POST',
        account.webhookPath,
        json(bad, { 'x-telegram-bot-api-secret-token': TELEGRAM.webhookSecretToken }),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({
        error: viaNest.body.error,
        message: viaNest.body.message,
        fields: { _: expect.any(String) },
      });
    }
    expect(viaNest.status).toBe(400);
    expect(await counts(t)).toEqual(before);
  });

  it('leaves other methods, bodies and undecodable paths to Nest: 405 for PUT, a form body is verified there', async () => {
    const put = await t.http('PUT', account.webhookPath, json('{}'));
    expect(put.status).toBe(405);
    expect(put.body).toEqual({ error: 'method_not_allowed', message: 'Use POST.' });
    expect(put.headers.get('x-content-type-options')).toBe('nosniff');
    const form = await t.http('POST', account.webhookPath, {
      body: 'update_id=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-telegram-bot-api-secret-token': 'nope' },
    });
    expect(form.status).toBe(401);
    expect(form.body).toMatchObject({ error: 'invalid_signature' });
    const undecodable = await t.http('POST', '/api/webhooks/telegram/%E0%A4%A', json('{}'));
    expect(undecodable.status).toBe(400);
    expect(undecodable.body).toMatchObject({ error: 'bad_request', message: expect.any(String) });
  });
});
