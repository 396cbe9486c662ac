import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { CampaignEvents, type CampaignEmailEvent } from '../../src/campaigns/campaign-events.js';
import { campaignRecipients } from '../../src/campaigns/campaigns.schema.js';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { conversations, messages } from '../../src/conversations/conversations.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import { timelineEntries } from '../../src/timeline/timeline.schema.js';
import { createAccount, type Account } from '../conversations/support/channel-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  createCard,
  createConsultant,
  createContact,
  createSegment,
  createTemplate,
  pipelineWithStages,
  waitFor,
} from './support/campaign-fixtures.js';
import { PUBLIC_URL, localPath, waitForCampaignDone } from './support/campaign-run.js';
import { emailAccountConfig, startLocalSmtp, type LocalSmtp } from './support/local-smtp.js';

const BODY = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Bună ziua, {{contact.firstName}}! Vă invităm la seminarul despre granturi.</mj-text>
<mj-button href="https://centru.md/seminar?utm_source=email&amp;id=7">Înscrieți-vă</mj-button>
<mj-text><a href="https://centru.md/granturi">Detalii</a></mj-text>
</mj-column></mj-section></mj-body></mjml>`;

describe('mass campaigns', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: string;
  let smtp: LocalSmtp;
  let account: Account;
  let consultant: any;
  let template: any;
  const people: Record<string, any> = {};
  const opened: CampaignEmailEvent[] = [];

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    t = await createTestApp({ PUBLIC_URL, CAMPAIGN_TICK_MS: '200', OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    t.app.get(CampaignEvents).onEmailOpened((event) => void opened.push(event));
    consultant = await createConsultant(t, admin);
    account = await createAccount(t, admin, {
      provider: 'email',
      name: 'Newsletter',
      config: emailAccountConfig(smtp.port),
    });
    const tag = (name: string, fields: Record<string, unknown>) =>
      createContact(t, admin, { firstName: name, language: 'ro', tags: ['seminar'], ...fields });
    people.ana = await tag('Ana', { email: 'ana@example.md', consent: { email: true, marketing: true } });
    people.boris = await tag('Boris', { email: 'boris@example.md', consent: { email: false } });
    people.carmen = await tag('Carmen', { email: 'carmen@example.md', consent: { email: true, marketing: false } });
    people.dan = await tag('Dan', { phones: ['+37369555111'] });
    people.elena = await tag('Elena', { email: 'elena@example.md', consent: {} });
    const pipeline = await pipelineWithStages(t, admin);
    people.elenaCard = await createCard(t, admin, {
      contactId: people.elena.id,
      pipelineId: pipeline.id,
      title: 'Grant pentru seră',
      responsibleUserId: consultant.id,
    });
    template = await createTemplate(t, admin, {
      key: 'seminar-invite',
      name: 'Invitație seminar',
      channel: 'email',
      format: 'mjml',
      locale: 'ro',
      subject: 'Invitație, {{contact.firstName}}',
      body: BODY,
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  }, 60_000);

  async function startCampaign(name: string, segmentTag: string, extra: Record<string, unknown> = {}) {
    const segment = await createSegment(t, admin, `${name} segment`, segmentTag);
    const created = await t.http('POST', '/api/campaigns', {
      token: admin,
      body: { name, templateId: template.id, segmentId: segment.id, channelAccountId: account.id, ...extra },
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('draft');
    const started = await t.http('POST', `/api/campaigns/${created.body.id}/start`, { token: admin });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('running');
    return created.body;
  }

  it('sends to those who may receive it, skips and records opted-out and unreachable contacts', async () => {
    const campaign = await startCampaign('Seminar granturi', 'seminar', { taskOnOpen: true, ratePerMinute: 600 });
    const sent = await waitForCampaignDone(t, campaign.id);
    expect(sent).toHaveLength(2);
    expect(smtp.received.map((m) => m.rcptTo[0]).sort()).toEqual(['ana@example.md', 'elena@example.md']);

    const detail = await t.http('GET', `/api/campaigns/${campaign.id}`, { token: admin });
    expect(detail.body.status).toBe('completed');
    expect(detail.body.stats.byStatus).toEqual({ sent: 2, skipped: 3 });
    expect(detail.body.stats.totals).toMatchObject({ total: 5, optedOut: 2, noAddress: 1 });
    const recipients = await t.http('GET', `/api/campaigns/${campaign.id}/recipients`, { token: admin });
    const byName = Object.fromEntries(recipients.body.map((r: any) => [r.contactName, r]));
    expect(byName.Boris).toMatchObject({ status: 'skipped', skipReason: 'opted_out' });
    expect(byName.Carmen).toMatchObject({ status: 'skipped', skipReason: 'opted_out' });
    expect(byName.Dan).toMatchObject({ status: 'skipped', skipReason: 'no_address' });
    expect(byName.Elena).toMatchObject({ status: 'sent', cardId: people.elenaCard.id });
    // on the contact's thread, not in the open inbox
    const [thread] = await t.db.select().from(conversations).where(eq(conversations.contactId, people.elena.id));
    expect(thread).toMatchObject({ status: 'closed', channel: 'email', providerChatId: 'elena@example.md' });

    const mail = smtp.received.find((m) => m.rcptTo[0] === 'elena@example.md')!;
    expect(mail.parsed.subject).toBe('Invitație, Elena');
    const headers = mail.raw.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ');
    const listUnsubscribe = headers.match(/^List-Unsubscribe: <([^>]+)>$/m)![1];
    expect(listUnsubscribe).toMatch(new RegExp(`^${PUBLIC_URL}/api/t/u/${byName.Elena.id}\\.`));
    expect(mail.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const html = mail.parsed.html as string;
    expect(html).not.toContain('href="https://centru.md/');
    const clickLinks = [...html.matchAll(/href="(http:\/\/crm\.test\/api\/t\/c\/[^"]+)"/g)].map((m) => m[1]);
    expect(clickLinks).toHaveLength(2);
    const pixel = html.match(/src="(http:\/\/crm\.test\/api\/t\/o\/[^"]+\.gif)"/)![1];
    const unsubscribe = html.match(/href="(http:\/\/crm\.test\/api\/t\/u\/[^"]+)"/)![1];
    expect(mail.parsed.text).toContain(unsubscribe);
    expect(unsubscribe).toBe(listUnsubscribe);

    // open pixel: a GIF every time, one open, one task for the card's responsible consultant, one event
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${t.baseUrl}${localPath(pixel)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 6)
          .toString(),
      ).toBe('GIF89a');
    }
    const openTasks = await t.db.select().from(tasks).where(eq(tasks.contactId, people.elena.id));
    expect(openTasks).toHaveLength(1);
    expect(openTasks[0]).toMatchObject({
      type: 'follow_up',
      assigneeUserId: consultant.id,
      cardId: people.elenaCard.id,
      status: 'open',
    });
    expect(openTasks[0].title).toContain('Seminar granturi');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      campaignId: campaign.id,
      contactId: people.elena.id,
      cardId: people.elenaCard.id,
    });
    const openedTimeline = await t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.contactId, people.elena.id), eq(timelineEntries.kind, 'email_opened')));
    expect(openedTimeline).toHaveLength(1);
    const forged = await fetch(`${t.baseUrl}/api/t/o/${byName.Ana.id}.AAAAAAAAAAAAAAAAAAAAAA.gif`);
    expect(forged.status).toBe(200);
    expect(
      (await t.db.select().from(campaignRecipients).where(eq(campaignRecipients.id, byName.Ana.id)))[0].openedAt,
    ).toBeNull();

    // click redirect: only to the URLs of the rendered message
    const first = await fetch(`${t.baseUrl}${localPath(clickLinks[0])}`, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('https://centru.md/seminar?utm_source=email&id=7');
    const second = await fetch(`${t.baseUrl}${localPath(clickLinks[1])}`, { redirect: 'manual' });
    expect(second.headers.get('location')).toBe('https://centru.md/granturi');
    const unknown = await fetch(`${t.baseUrl}${localPath(clickLinks[1]).replace(/\/1$/, '/2')}`, {
      redirect: 'manual',
    });
    expect(unknown.status).toBe(404);
    const tampered = await fetch(
      `${t.baseUrl}${localPath(clickLinks[0]).replace(/\.[A-Za-z0-9_-]+\//, '.AAAAAAAAAAAAAAAAAAAAAA/')}`,
      { redirect: 'manual' },
    );
    expect(tampered.status).toBe(404);
    const [elenaRow] = await t.db.select().from(campaignRecipients).where(eq(campaignRecipients.id, byName.Elena.id));
    expect(elenaRow).toMatchObject({ clickCount: 2 });
    expect(opened).toHaveLength(1);
    expect(await t.db.select().from(tasks).where(eq(tasks.contactId, people.elena.id))).toHaveLength(1);

    // unsubscribe: GET shows a confirmation, POST flips consent (audited, timeline), idempotent
    const page = await fetch(`${t.baseUrl}${localPath(unsubscribe)}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect(
      (await t.db.select().from(contacts).where(eq(contacts.id, people.elena.id)))[0].consent.email,
    ).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${t.baseUrl}${localPath(unsubscribe)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
    }
    const [elena] = await t.db.select().from(contacts).where(eq(contacts.id, people.elena.id));
    expect(elena.consent).toMatchObject({ email: false, source: 'unsubscribe link: Seminar granturi' });
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'contact.unsubscribe'), eq(auditEvents.entityId, people.elena.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0].actorLabel).toBe('unsubscribe-link');
    const consentTimeline = await t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.contactId, people.elena.id), eq(timelineEntries.kind, 'consent_changed')));
    expect(consentTimeline).toHaveLength(1);
    const after = await t.http('GET', `/api/campaigns/${campaign.id}/recipients?status=unsubscribed`, { token: admin });
    expect(after.body.map((r: any) => r.contactName)).toEqual(['Elena']);
    expect((await t.http('GET', `/api/campaigns/${campaign.id}`, { token: admin })).body.stats.totals).toMatchObject({
      opened: 1,
      clicked: 1,
      unsubscribed: 1,
    });
  });

  it('pauses, resumes and completes at the configured rate; cancel stops what is left', async () => {
    for (let i = 0; i < 6; i++)
      await createContact(t, admin, {
        firstName: `Pauza${i}`,
        email: `pauza${i}@example.md`,
        language: 'ro',
        tags: ['pause'],
      });
    const before = smtp.received.length;
    // 60/minute with 200 ms ticks: one recipient per tick
    const campaign = await startCampaign('Pauză', 'pause', { ratePerMinute: 60 });
    await waitFor(async () => (await queuedCount(campaign.id)) >= 2, 60_000, 'two recipients queued');
    const paused = await t.http('POST', `/api/campaigns/${campaign.id}/pause`, { token: admin });
    expect(paused.body.status).toBe('paused');
    const atPause = await queuedCount(campaign.id);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await queuedCount(campaign.id)).toBeLessThanOrEqual(atPause + 1);
    const frozen = await queuedCount(campaign.id);
    await new Promise((r) => setTimeout(r, 800));
    expect(await queuedCount(campaign.id)).toBe(frozen);
    expect(frozen).toBeLessThan(6);
    expect((await t.http('POST', `/api/campaigns/${campaign.id}/pause`, { token: admin })).status).toBe(409);
    expect((await t.http('POST', `/api/campaigns/${campaign.id}/resume`, { token: admin })).body.status).toBe(
      'running',
    );
    await waitForCampaignDone(t, campaign.id);
    expect(await queuedCount(campaign.id)).toBe(6);
    await waitFor(async () => smtp.received.length === before + 6, 10_000, 'six e-mails');

    for (let i = 0; i < 4; i++)
      await createContact(t, admin, {
        firstName: `Anulat${i}`,
        email: `anulat${i}@example.md`,
        language: 'ro',
        tags: ['cancel'],
      });
    const cancelled = await startCampaign('Anulată', 'cancel', { ratePerMinute: 60 });
    await waitFor(async () => (await queuedCount(cancelled.id)) >= 1, 60_000, 'one recipient queued');
    const res = await t.http('POST', `/api/campaigns/${cancelled.id}/cancel`, { token: admin });
    expect(res.body.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 600));
    const stats = (await t.http('GET', `/api/campaigns/${cancelled.id}`, { token: admin })).body.stats;
    expect((stats.byStatus.cancelled ?? 0) + (await queuedCount(cancelled.id))).toBe(4);
    expect(stats.byStatus.cancelled).toBeGreaterThan(0);
    expect((await t.http('POST', `/api/campaigns/${cancelled.id}/resume`, { token: admin })).status).toBe(409);
  });

  it('writes to each contact in their language (same key), and shows delivery reports per recipient', async () => {
    const ru = await createTemplate(t, admin, {
      key: 'seminar-invite',
      name: 'Приглашение на семинар',
      channel: 'email',
      format: 'html',
      locale: 'ru',
      subject: 'Приглашение, {{contact.firstName}}',
      body: '<p>Здравствуйте, {{contact.firstName}}!</p>',
    });
    expect(ru.locale).toBe('ru');
    await createContact(t, admin, { firstName: 'Ирина', email: 'irina@example.md', language: 'ru', tags: ['lang'] });
    await createContact(t, admin, { firstName: 'Radu', email: 'radu@example.md', language: 'ro', tags: ['lang'] });
    const campaign = await startCampaign('Limbi', 'lang');
    await waitForCampaignDone(t, campaign.id);
    const subjects = Object.fromEntries(
      smtp.received
        .filter((m) => ['irina@example.md', 'radu@example.md'].includes(m.rcptTo[0]))
        .map((m) => [m.rcptTo[0], m.parsed.subject]),
    );
    expect(subjects).toEqual({ 'irina@example.md': 'Приглашение, Ирина', 'radu@example.md': 'Invitație, Radu' });

    const recipients = (await t.http('GET', `/api/campaigns/${campaign.id}/recipients`, { token: admin })).body;
    const irina = recipients.find((r: any) => r.contactName === 'Ирина');
    await t.db
      .update(messages)
      .set({ status: 'delivered', deliveredAt: new Date() })
      .where(eq(messages.id, irina.messageId));
    const delivered = await t.http('GET', `/api/campaigns/${campaign.id}/recipients?status=delivered`, {
      token: admin,
    });
    expect(delivered.body.map((r: any) => r.contactName)).toEqual(['Ирина']);
    expect((await t.http('GET', `/api/campaigns/${campaign.id}`, { token: admin })).body.stats.byStatus).toEqual({
      delivered: 1,
      sent: 1,
    });
  });

  it('keeps a template used by a campaign (409 on delete)', async () => {
    const res = await t.http('DELETE', `/api/message-templates/${template.id}`, { token: admin });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('template_in_use');
  });

  it('is for campaigns.send holders only', async () => {
    const token = await t.login(consultant.email, 'consultant-password-1');
    expect((await t.http('GET', '/api/campaigns', { token })).status).toBe(403);
  });

  it('refuses a template of another channel than the account', async () => {
    const sms = await createTemplate(t, admin, {
      key: 'sms-x',
      name: 'SMS',
      channel: 'sms',
      format: 'text',
      locale: 'ro',
      body: 'x',
    });
    const segment = await createSegment(t, admin, 'Any', 'seminar');
    const res = await t.http('POST', '/api/campaigns', {
      token: admin,
      body: { name: 'Wrong', templateId: sms.id, segmentId: segment.id, channelAccountId: account.id },
    });
    expect(res.status).toBe(400);
    expect(res.body.fields).toHaveProperty('channelAccountId');
  });

  async function queuedCount(campaignId: string): Promise<number> {
    const rows = await t.db
      .select()
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.state, 'queued')));
    return rows.length;
  }
});
