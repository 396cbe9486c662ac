import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRecipients } from '../../src/campaigns/campaigns.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import { timelineEntries } from '../../src/timeline/timeline.schema.js';
import { createAccount, type Account } from '../conversations/support/channel-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  createCard,
  createConsultant,
  createContact,
  createTemplate,
  pipelineWithStages,
  waitFor,
} from './support/campaign-fixtures.js';
import { PUBLIC_URL, localPath } from './support/campaign-run.js';
import { emailAccountConfig, startLocalSmtp, type LocalSmtp } from './support/local-smtp.js';

const BODY = `<mjml><mj-body><mj-section><mj-column>
<mj-text>Bună ziua, {{contact.firstName}}! Vedeți <a href="https://centru.md/oferta?id=9">oferta</a>.</mj-text>
</mj-column></mj-section></mj-body></mjml>`;

describe('one-off template e-mails from the card are tracked like campaign mails', { timeout: 120_000 }, () => {
  let t: TestApp;
  let admin: string;
  let smtp: LocalSmtp;
  let account: Account;
  let template: any;

  beforeAll(async () => {
    smtp = await startLocalSmtp();
    t = await createTestApp({ PUBLIC_URL, OUTBOX_SWEEP_INTERVAL_MS: '200' });
    admin = await t.login();
    account = await createAccount(t, admin, {
      provider: 'email',
      name: 'Consultanță',
      config: emailAccountConfig(smtp.port),
    });
    template = await createTemplate(t, admin, {
      key: 'offer',
      name: 'Ofertă',
      channel: 'email',
      format: 'mjml',
      locale: 'ro',
      subject: 'Oferta pentru {{contact.firstName}}',
      body: BODY,
    });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  }, 60_000);

  const mailTo = (address: string) =>
    waitFor(async () => smtp.received.find((m) => m.rcptTo[0] === address), 30_000, `the mail to ${address}`);

  it('pixel and click redirect; the first open creates one task for the card’s consultant and one timeline entry', async () => {
    const consultant = await createConsultant(t, admin);
    const contact = await createContact(t, admin, {
      firstName: 'Lilia',
      email: 'lilia@example.md',
      consent: { email: true },
    });
    const pipeline = await pipelineWithStages(t, admin);
    const card = await createCard(t, admin, {
      contactId: contact.id,
      pipelineId: pipeline.id,
      title: 'Grant IMM',
      responsibleUserId: consultant.id,
    });
    const sent = await t.http('POST', `/api/cards/${card.id}/template-sends`, {
      token: admin,
      body: { templateId: template.id, channelAccountId: account.id, taskOnOpen: true },
    });
    expect(sent.status).toBe(202);
    const [row] = await t.db.select().from(campaignRecipients).where(eq(campaignRecipients.messageId, sent.body.id));
    expect(row).toMatchObject({
      campaignId: null,
      templateId: template.id,
      taskOnOpen: true,
      cardId: card.id,
      state: 'queued',
    });
    expect(row.links).toEqual(['https://centru.md/oferta?id=9']);

    const mail = await mailTo('lilia@example.md');
    const html = mail.parsed.html as string;
    expect(html).not.toContain('href="https://centru.md/');
    const click = html.match(/href="(http:\/\/crm\.test\/api\/t\/c\/[^"]+)"/)![1];
    const pixel = html.match(/src="(http:\/\/crm\.test\/api\/t\/o\/[^"]+\.gif)"/)![1];
    expect(pixel).toContain(`/api/t/o/${row.id}.`);
    expect(mail.raw).toMatch(/^List-Unsubscribe:\s*<http:\/\/crm\.test\/api\/t\/u\//m);

    for (let i = 0; i < 3; i++) expect((await fetch(`${t.baseUrl}${localPath(pixel)}`)).status).toBe(200);
    const openTasks = await t.db.select().from(tasks).where(eq(tasks.contactId, contact.id));
    expect(openTasks).toHaveLength(1);
    expect(openTasks[0]).toMatchObject({ type: 'follow_up', assigneeUserId: consultant.id, cardId: card.id });
    expect(openTasks[0].title).toContain('Ofertă');
    const opened = await t.db
      .select()
      .from(timelineEntries)
      .where(and(eq(timelineEntries.contactId, contact.id), eq(timelineEntries.kind, 'email_opened')));
    expect(opened).toHaveLength(1);
    expect(opened[0].summary).toMatchObject({ campaignId: null, campaignName: 'Ofertă', templateId: template.id });

    const redirect = await fetch(`${t.baseUrl}${localPath(click)}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://centru.md/oferta?id=9');
    const [after] = await t.db.select().from(campaignRecipients).where(eq(campaignRecipients.id, row.id));
    expect(after).toMatchObject({ clickCount: 1, openTaskId: openTasks[0].id });
    expect(after.openedAt).not.toBeNull();
    expect((await fetch(`${t.baseUrl}${localPath(click.replace(/\/0$/, '/5'))}`, { redirect: 'manual' })).status).toBe(
      404,
    );
  });

  it('without taskOnOpen an open creates no task; track: false sends the plain mail', async () => {
    const contact = await createContact(t, admin, {
      firstName: 'Radu',
      email: 'radu@example.md',
      consent: { email: true },
    });
    const sent = await t.http('POST', `/api/contacts/${contact.id}/template-sends`, {
      token: admin,
      body: { templateId: template.id, channelAccountId: account.id },
    });
    expect(sent.status).toBe(202);
    const pixel = ((await mailTo('radu@example.md')).parsed.html as string).match(
      /src="(http:\/\/crm\.test\/api\/t\/o\/[^"]+\.gif)"/,
    )![1];
    expect((await fetch(`${t.baseUrl}${localPath(pixel)}`)).status).toBe(200);
    await waitFor(
      async () =>
        (await t.db.select().from(campaignRecipients).where(eq(campaignRecipients.messageId, sent.body.id)))[0]
          .openedAt,
      10_000,
      'the open',
    );
    expect(await t.db.select().from(tasks).where(eq(tasks.contactId, contact.id))).toEqual([]);

    const plain = await createContact(t, admin, {
      firstName: 'Sanda',
      email: 'sanda@example.md',
      consent: { email: true },
    });
    const untracked = await t.http('POST', `/api/contacts/${plain.id}/template-sends`, {
      token: admin,
      body: { templateId: template.id, channelAccountId: account.id, track: false },
    });
    expect(untracked.status).toBe(202);
    const html = (await mailTo('sanda@example.md')).parsed.html as string;
    expect(html).toContain('href="https://centru.md/oferta?id=9"');
    expect(html).not.toContain('/api/t/');
    const rows = await t.db.select().from(campaignRecipients).where(isNull(campaignRecipients.campaignId));
    expect(rows).toHaveLength(2);
  });
});
