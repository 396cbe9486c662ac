import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { mailchimpMembers } from '../../src/mailchimp/mailchimp.schema.js';
import { timelineEntries } from '../../src/timeline/timeline.schema.js';
import { jsonOf } from '../conversations/support/fake-provider-api.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { API_KEY, LIST_ID, md5, startFakeMailchimp, type FakeMailchimp } from './support/fake-mailchimp.js';
import { until } from './support/until.js';

/** The form body Mailchimp POSTs (`type`, `fired_at`, `data[...]`, nested `data[merges][...]`). */
function mailchimpForm(type: string, data: Record<string, string>): string {
  const form = new URLSearchParams({ type, fired_at: '2026-12-01 10:00:00' });
  for (const [key, value] of Object.entries(data)) form.set(`data[${key.replace('.', '][')}]`, value);
  return form.toString();
}

describe('Mailchimp webhooks → CRM consent (secret in the URL, idempotent, audited, on the timeline)', () => {
  let t: TestApp;
  let api: FakeMailchimp;
  let admin: string;
  let webhookPath: string;
  let audienceId: string;
  const ids: Record<string, string> = {};

  const post = (path: string, body: string) =>
    t.http('POST', path, { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const consentOf = async (id: string) =>
    (await t.db.select({ consent: contacts.consent }).from(contacts).where(eq(contacts.id, id)))[0].consent;
  const consentEntries = (id: string) =>
    t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.contactId, id), eq(timelineEntries.kind, 'consent_changed')));

  beforeAll(async () => {
    api = await startFakeMailchimp();
    t = await createTestApp({
      MAILCHIMP_API_BASE_URL: `${api.baseUrl}/3.0`,
      MAILCHIMP_SYNC_INTERVAL_MINUTES: '0',
      REPORTS_ROLLUP_INTERVAL_MINUTES: '0',
      PUBLIC_URL: 'https://crm.example.md',
    });
    admin = await t.login();
    for (const [key, email] of [
      ['ana', 'Ana.Rusu@example.md'],
      ['ion', 'ion@example.md'],
      ['elena', 'elena@example.md'],
    ]) {
      const [row] = await t.db
        .insert(contacts)
        .values({ displayName: key, firstName: key, email, consent: { email: key !== 'elena' } })
        .returning();
      ids[key] = row.id;
    }
    const res = await t.http('POST', '/api/mailchimp/audiences', {
      token: admin,
      body: { name: 'Beneficiari', apiKey: API_KEY, listId: LIST_ID },
    });
    expect(res.status).toBe(201);
    audienceId = res.body.id;
    webhookPath = res.body.webhookPath;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  it('shows the webhook address (absolute with PUBLIC_URL), answers the GET ping, refuses a wrong secret with 404', async () => {
    expect(webhookPath).toMatch(new RegExp(`^/api/mailchimp/webhooks/${audienceId}/[A-Za-z0-9_-]{32}$`));
    const list = await t.http('GET', '/api/mailchimp/audiences', { token: admin });
    expect(list.body[0].webhookUrl).toBe(`https://crm.example.md${webhookPath}`);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityType, 'mailchimp_audience'));
    expect(JSON.stringify(audit)).not.toContain(webhookPath.split('/').pop());

    expect((await t.http('GET', webhookPath)).status).toBe(200);
    const forged = `/api/mailchimp/webhooks/${audienceId}/${'A'.repeat(32)}`;
    expect((await t.http('GET', forged)).status).toBe(404);
    const forgedPost = await post(forged, mailchimpForm('unsubscribe', { email: 'ion@example.md', list_id: LIST_ID }));
    expect(forgedPost.status).toBe(404);
    expect((await t.http('GET', `/api/mailchimp/webhooks/not-a-uuid/x`)).status).toBe(404);
    expect(await consentOf(ids.ion)).toEqual({ email: true });
  });

  it('an unsubscribe withdraws e-mail consent once (audited, on the timeline); a replay changes nothing', async () => {
    const body = mailchimpForm('unsubscribe', {
      action: 'unsub',
      reason: 'manual',
      id: '8a25ff1d98',
      list_id: LIST_ID,
      email: 'ana.rusu@EXAMPLE.md',
      email_type: 'html',
      'merges.EMAIL': 'ana.rusu@example.md',
      'merges.FNAME': 'Ana',
      campaign_id: 'cb398d21d2',
    });
    const first = await post(webhookPath, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ ok: true, type: 'unsubscribe', contactId: ids.ana, consentChanged: true });
    const consent = await consentOf(ids.ana);
    expect(consent).toMatchObject({ email: false, source: 'mailchimp webhook: unsubscribe (Beneficiari)' });
    const replay = await post(webhookPath, body);
    expect(replay.body).toMatchObject({ consentChanged: false });
    expect(await consentOf(ids.ana)).toEqual(consent);

    const entries = await consentEntries(ids.ana);
    expect(entries).toHaveLength(1);
    expect(entries[0].summary).toMatchObject({
      channel: 'email',
      value: false,
      via: 'mailchimp_webhook',
      listId: LIST_ID,
    });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, ids.ana), eq(auditEvents.action, 'contact.unsubscribe')));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorLabel).toBe('mailchimp-webhook');
    const [member] = await t.db.select().from(mailchimpMembers).where(eq(mailchimpMembers.contactId, ids.ana));
    expect(member).toMatchObject({ status: 'unsubscribed', subscriberHash: md5('ana.rusu@example.md') });
  });

  it('the next sync sends the withdrawn member unsubscribed and never creates one for her', async () => {
    const before = api.requests.length;
    expect((await t.http('POST', `/api/mailchimp/audiences/${audienceId}/sync`, { token: admin })).status).toBe(202);
    const put = await until('the sync to write Ana', async () =>
      api.requests
        .slice(before)
        .find((r) => r.method === 'PUT' && r.pathname.endsWith(`/members/${md5('ana.rusu@example.md')}`)),
    );
    expect(jsonOf(put)).toMatchObject({ status: 'unsubscribed' });
  });

  it('a cleaned address withdraws consent; a subscribe gives it; unknown e-mails and other lists change nothing', async () => {
    const cleaned = await post(
      webhookPath,
      mailchimpForm('cleaned', { list_id: LIST_ID, email: 'ion@example.md', reason: 'hard', campaign_id: 'x1' }),
    );
    expect(cleaned.body).toMatchObject({ contactId: ids.ion, consentChanged: true });
    expect(await consentOf(ids.ion)).toMatchObject({ email: false });
    expect((await consentEntries(ids.ion))[0].summary).toMatchObject({ reason: 'hard', event: 'cleaned' });

    const subscribed = await post(
      webhookPath,
      mailchimpForm('subscribe', { list_id: LIST_ID, email: 'elena@example.md' }),
    );
    expect(subscribed.body).toMatchObject({ contactId: ids.elena, consentChanged: true });
    expect(await consentOf(ids.elena)).toMatchObject({ email: true });

    const stranger = await post(
      webhookPath,
      mailchimpForm('unsubscribe', { list_id: LIST_ID, email: 'nobody@example.md' }),
    );
    expect(stranger.status).toBe(200);
    expect(stranger.body).toMatchObject({ contactId: null, consentChanged: false });

    const otherList = await post(
      webhookPath,
      mailchimpForm('unsubscribe', { list_id: 'other', email: 'elena@example.md' }),
    );
    expect(otherList.status).toBe(400);
    expect(otherList.body.fields).toHaveProperty(['data.list_id']);
    const bad = await post(webhookPath, 'type=explode&data[list_id]=' + LIST_ID);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toContain('type');
    expect(await consentOf(ids.elena)).toMatchObject({ email: true });
  });

  it('an address change follows the member and the contact that still had the old address', async () => {
    const res = await post(
      webhookPath,
      mailchimpForm('upemail', {
        list_id: LIST_ID,
        new_id: '51aa6d3ec3',
        new_email: 'elena.new@example.md',
        old_email: 'elena@example.md',
      }),
    );
    expect(res.status).toBe(200);
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, ids.elena));
    expect(contact.email).toBe('elena.new@example.md');
    const [member] = await t.db.select().from(mailchimpMembers).where(eq(mailchimpMembers.contactId, ids.elena));
    expect(member).toMatchObject({ email: 'elena.new@example.md', subscriberHash: md5('elena.new@example.md') });
  });
});
