import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPhones, contacts } from '../../src/contacts/contacts.schema.js';
import { mailchimpAudiences, mailchimpMembers } from '../../src/mailchimp/mailchimp.schema.js';
import { jsonOf } from '../conversations/support/fake-provider-api.js';
import { createUserAndLogin, pipelineByCode, stageNamed, type PipelineView } from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { API_KEY, LIST_ID, SEGMENT_ID, md5, startFakeMailchimp, type FakeMailchimp } from './support/fake-mailchimp.js';
import { until } from './support/until.js';

const AUTH = `Basic ${Buffer.from(`user:${API_KEY}`).toString('base64')}`;

describe('Mailchimp: connect an audience, incremental consent-aware sync, auto-subscribe, card → segment, campaign reports', () => {
  let t: TestApp;
  let api: FakeMailchimp;
  let admin: string;
  let ads: PipelineView;
  let audienceId: string;
  const ids: Record<string, string> = {};

  const addContact = async (key: string, values: Partial<typeof contacts.$inferInsert>, phone?: string) => {
    const [row] = await t.db
      .insert(contacts)
      .values({ displayName: `${values.firstName ?? key} ${values.lastName ?? ''}`.trim(), ...values })
      .returning();
    if (phone) await t.db.insert(contactPhones).values({ contactId: row.id, e164: phone, isPrimary: true });
    ids[key] = row.id;
    return row.id;
  };
  const sync = async () => {
    const before = api.requests.length;
    expect((await t.http('POST', `/api/mailchimp/audiences/${audienceId}/sync`, { token: admin })).status).toBe(202);
    await until('the sync to be planned', async () => {
      const [row] = await t.db.select().from(mailchimpAudiences).where(eq(mailchimpAudiences.id, audienceId));
      return (
        row.lastSyncAt &&
        api.requests.length > before &&
        api.requests.slice(before).some((r) => r.pathname === '/3.0/reports')
      );
    });
    await new Promise((r) => setTimeout(r, 300)); // push jobs queued by the plan
    return api.requests.slice(before);
  };

  beforeAll(async () => {
    api = await startFakeMailchimp();
    t = await createTestApp({
      MAILCHIMP_API_BASE_URL: `${api.baseUrl}/3.0`,
      MAILCHIMP_SYNC_INTERVAL_MINUTES: '0',
      REPORTS_ROLLUP_INTERVAL_MINUTES: '0',
    });
    admin = await t.login();
    ads = await pipelineByCode(t, admin, 'ads-landing');
    await addContact(
      'ana',
      { firstName: 'Ana', lastName: 'Rusu', email: 'Ana.Rusu@example.md', consent: { email: true } },
      '+37369111222',
    );
    await addContact('withdrawn', { firstName: 'Vlad', email: 'vlad@example.md', consent: { email: false } });
    await addContact('unknown', { firstName: 'Dan', email: 'dan@example.md', consent: {} });
    await addContact('noEmail', { firstName: 'Ion', consent: { email: true } });
    await addContact('unsubscribedThere', { firstName: 'Elena', email: 'elena@example.md', consent: { email: true } });
    api.members.set(md5('elena@example.md'), {
      email_address: 'elena@example.md',
      status: 'unsubscribed',
      merge_fields: {},
      tags: new Set(),
    });
    const card = await t.http('POST', '/api/cards', {
      token: admin,
      body: {
        contactId: ids.ana,
        pipelineId: ads.id,
        stageId: stageNamed(ads, 'Contactat'),
        title: 'Finanțare',
        instruments: ['pare-1-1'],
      },
    });
    expect(card.status).toBe(201);
    ids.anaCard = card.body.id;
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await api.close();
  });

  it('tests the connection and refuses a wrong key or list with 422', async () => {
    const ok = await t.http('POST', '/api/mailchimp/test-connection', {
      token: admin,
      body: { apiKey: API_KEY, listId: LIST_ID },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      ok: true,
      serverPrefix: 'us21',
      audience: { id: LIST_ID, name: 'Beneficiari ODA' },
    });
    const wrongKey = await t.http('POST', '/api/mailchimp/test-connection', {
      token: admin,
      body: { apiKey: 'ffffffffffffffffffffffffffffffff-us21' },
    });
    expect(wrongKey.status).toBe(422);
    expect(wrongKey.body.fields.apiKey).toContain('API Key Invalid');
    const wrongList = await t.http('POST', '/api/mailchimp/test-connection', {
      token: admin,
      body: { apiKey: API_KEY, listId: 'nope' },
    });
    expect(wrongList.status).toBe(422);
    expect(wrongList.body.fields.listId).toBeDefined();
    const noPrefix = await t.http('POST', '/api/mailchimp/test-connection', {
      token: admin,
      body: { apiKey: '0123456789abcdef0123456789abcdef' },
    });
    expect(noPrefix.status).toBe(400);
    expect(noPrefix.body.fields.serverPrefix).toBeDefined();
    expect(api.requests[0].headers.authorization).toBe(AUTH);
  });

  it('connects an audience with the key sealed at rest and never shown', async () => {
    const res = await t.http('POST', '/api/mailchimp/audiences', {
      token: admin,
      body: {
        name: 'Beneficiari',
        apiKey: API_KEY,
        listId: LIST_ID,
        autoSubscribeStageIds: [stageNamed(ads, 'Consultat')],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ listId: LIST_ID, serverPrefix: 'us21', apiKey: '********', tagStages: true });
    expect(res.body.credentials).toBeUndefined();
    audienceId = res.body.id;
    const [row] = await t.db.select().from(mailchimpAudiences).where(eq(mailchimpAudiences.id, audienceId));
    expect(JSON.stringify(row.credentials)).not.toContain(API_KEY.slice(0, 12));
    expect(
      (
        await t.http('POST', '/api/mailchimp/audiences', {
          token: admin,
          body: { name: 'Again', apiKey: API_KEY, listId: LIST_ID },
        })
      ).status,
    ).toBe(409);
    const consultant = await createUserAndLogin(t, admin, { email: 'c@test.local', role: 'consultant' });
    expect((await t.http('GET', '/api/mailchimp/audiences', { token: consultant.token })).status).toBe(403);
  });

  it('syncs consenting contacts with merge fields and tags, never creates members without consent, never re-subscribes', async () => {
    const requests = await sync();
    await until('members', async () => (await t.db.select().from(mailchimpMembers)).length >= 2);
    const puts = requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.pathname).sort()).toEqual(
      [
        `/3.0/lists/${LIST_ID}/members/${md5('ana.rusu@example.md')}`,
        `/3.0/lists/${LIST_ID}/members/${md5('elena@example.md')}`,
      ].sort(),
    );
    const anaPut = puts.find((r) => r.pathname.endsWith(md5('ana.rusu@example.md')))!;
    expect(anaPut.headers.authorization).toBe(AUTH);
    expect(jsonOf(anaPut)).toEqual({
      email_address: 'Ana.Rusu@example.md',
      status_if_new: 'subscribed',
      merge_fields: { FNAME: 'Ana', LNAME: 'Rusu', PHONE: '+37369111222' },
      language: 'ro',
    });
    const anaTags = requests.find(
      (r) => r.method === 'POST' && r.pathname === `/3.0/lists/${LIST_ID}/members/${md5('ana.rusu@example.md')}/tags`,
    )!;
    expect(jsonOf(anaTags)).toEqual({
      tags: [
        { name: 'instrument:pare-1-1', status: 'active' },
        { name: 'stage:Contactat', status: 'active' },
      ],
    });
    // Elena unsubscribed in Mailchimp: the PUT carries no status, so she stays unsubscribed.
    expect(jsonOf(puts.find((r) => r.pathname.endsWith(md5('elena@example.md')))!)).not.toHaveProperty('status');
    expect(api.members.get(md5('elena@example.md'))!.status).toBe('unsubscribed');
    expect(api.members.get(md5('ana.rusu@example.md'))).toMatchObject({ status: 'subscribed' });
    expect(api.members.has(md5('vlad@example.md'))).toBe(false);
    expect(api.members.has(md5('dan@example.md'))).toBe(false);
    const states = await t.db.select().from(mailchimpMembers);
    expect(states.map((s) => [s.contactId, s.status]).sort()).toEqual(
      [
        [ids.ana, 'subscribed'],
        [ids.unsubscribedThere, 'unsubscribed'],
      ].sort(),
    );
  });

  it('is incremental: an unchanged audience sends no member requests', async () => {
    const requests = await sync();
    expect(requests.filter((r) => r.pathname.includes('/members/'))).toEqual([]);
  });

  it('auto-subscribes when a card enters a configured stage and moves the stage tags', async () => {
    await addContact('maria', {
      firstName: 'Maria',
      lastName: 'Ceban',
      email: 'maria@example.md',
      consent: { email: true, marketing: true },
    });
    const before = api.requests.length;
    const created = await t.http('POST', '/api/cards', {
      token: admin,
      body: {
        contactId: ids.maria,
        pipelineId: ads.id,
        stageId: stageNamed(ads, 'Consultat'),
        title: 'Start pentru Tineri',
        instruments: ['start-tineri'],
      },
    });
    expect(created.status).toBe(201);
    await until('maria subscribed', async () => api.members.get(md5('maria@example.md'))?.status === 'subscribed');
    // The CRM records the member's state once Mailchimp has answered.
    const state = await until('maria recorded as subscribed', async () => {
      const [row] = await t.db.select().from(mailchimpMembers).where(eq(mailchimpMembers.contactId, ids.maria));
      return row?.status === 'subscribed' && row;
    });
    expect(state).toMatchObject({
      pinnedBy: 'stage',
      status: 'subscribed',
      tags: ['instrument:start-tineri', 'stage:Consultat'],
    });

    const moved = await t.http('PATCH', `/api/cards/${ids.anaCard}`, {
      token: admin,
      body: { stageId: stageNamed(ads, 'Consultat') },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await until('ana retagged', async () => api.members.get(md5('ana.rusu@example.md'))!.tags.has('stage:Consultat'));
    const tagCalls = api.requests
      .slice(before)
      .filter((r) => r.pathname.endsWith(`${md5('ana.rusu@example.md')}/tags`));
    expect(jsonOf(tagCalls.at(-1)!)).toEqual({
      tags: [
        { name: 'instrument:pare-1-1', status: 'active' },
        { name: 'stage:Consultat', status: 'active' },
        { name: 'stage:Contactat', status: 'inactive' },
      ],
    });
    expect([...api.members.get(md5('ana.rusu@example.md'))!.tags].sort()).toEqual([
      'instrument:pare-1-1',
      'stage:Consultat',
    ]);
  });

  it('unsubscribes a member whose consent is withdrawn, and retries a batch Mailchimp answers with 429', async () => {
    await t.db
      .update(contacts)
      .set({ consent: { email: false } })
      .where(eq(contacts.id, ids.maria));
    await t.db
      .update(contacts)
      .set({ consent: { email: true } })
      .where(eq(contacts.id, ids.unknown));
    api.busyPuts = 1;
    await sync();
    await until(
      'maria unsubscribed and dan subscribed after a retry',
      async () =>
        api.members.get(md5('maria@example.md'))?.status === 'unsubscribed' &&
        api.members.get(md5('dan@example.md'))?.status === 'subscribed',
    );
    const mariaPut = api.requests
      .filter((r) => r.method === 'PUT' && r.pathname.endsWith(md5('maria@example.md')))
      .at(-1)!;
    expect(jsonOf(mariaPut)).toMatchObject({ status: 'unsubscribed', status_if_new: 'unsubscribed' });
    expect(api.busyPuts).toBe(0);
    const [dan] = await t.db.select().from(mailchimpMembers).where(eq(mailchimpMembers.contactId, ids.unknown));
    expect(dan).toMatchObject({ status: 'subscribed', lastError: null });
  });

  it('archives the member of a contact erased under GDPR', async () => {
    await t.db
      .update(contacts)
      .set({ email: null, firstName: null, erasedAt: new Date() })
      .where(eq(contacts.id, ids.unknown));
    const requests = await sync();
    await until('dan archived', async () => api.members.get(md5('dan@example.md'))?.status === 'archived');
    const del = api.requests.filter((r) => r.method === 'DELETE');
    expect(del.map((r) => r.pathname)).toEqual([`/3.0/lists/${LIST_ID}/members/${md5('dan@example.md')}`]);
    expect(del[0].headers.authorization).toBe(AUTH);
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
    const [dan] = await t.db.select().from(mailchimpMembers).where(eq(mailchimpMembers.contactId, ids.unknown));
    expect(dan.status).toBe('archived');
    expect((await sync()).filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('lists campaigns and segments and adds a card’s contact to a campaign’s segment, on the timeline', async () => {
    const campaigns = await t.http('GET', `/api/mailchimp/audiences/${audienceId}/campaigns`, { token: admin });
    expect(campaigns.status).toBe(200);
    expect(campaigns.body).toEqual([
      expect.objectContaining({ id: 'cmp1', title: 'Webinar martie', segmentId: SEGMENT_ID }),
    ]);
    const campaignsRequest = api.requests.filter((r) => r.pathname === '/3.0/campaigns').at(-1)!;
    expect(Object.fromEntries(new URL(campaignsRequest.url, 'http://x').searchParams)).toMatchObject({
      list_id: LIST_ID,
    });
    const segments = await t.http('GET', `/api/mailchimp/audiences/${audienceId}/segments`, { token: admin });
    expect(segments.body).toEqual([{ id: SEGMENT_ID, name: 'Webinar PARE 1+1', memberCount: 0, type: 'static' }]);

    const res = await t.http('POST', `/api/cards/${ids.anaCard}/mailchimp-segment`, {
      token: admin,
      body: { audienceId, segmentId: SEGMENT_ID },
    });
    expect(res.status).toBe(200);
    expect(api.segmentMembers.has('Ana.Rusu@example.md')).toBe(true);
    const add = api.requests
      .filter((r) => r.pathname === `/3.0/lists/${LIST_ID}/segments/${SEGMENT_ID}/members`)
      .at(-1)!;
    expect(add.method).toBe('POST');
    expect(jsonOf(add)).toEqual({ email_address: 'Ana.Rusu@example.md' });
    const timeline = await t.http('GET', `/api/contacts/${ids.ana}/timeline`, { token: admin });
    expect(timeline.body.items.map((e: { kind: string }) => e.kind)).toContain('mailchimp_audience');

    const vladCard = await t.http('POST', '/api/cards', {
      token: admin,
      body: { contactId: ids.withdrawn, pipelineId: ads.id, title: 'Vlad' },
    });
    const refused = await t.http('POST', `/api/cards/${vladCard.body.id}/mailchimp-segment`, {
      token: admin,
      body: { audienceId, segmentId: SEGMENT_ID },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('no_email_consent');
  });

  it('pulls campaign reports for the dashboards (only this audience’s campaigns) and exports them', async () => {
    const res = await t.http('GET', '/api/reports/campaigns?from=2026-03-10&to=2026-03-10', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.campaigns).toEqual([
      {
        source: 'mailchimp',
        campaignId: 'cmp1',
        name: 'Webinar martie',
        subject: 'Vă invităm',
        sentAt: '2026-03-10T08:00:00.000Z',
        recipients: 200,
        uniqueOpens: 90,
        openRate: 0.45,
        uniqueClicks: 25,
        clickRate: 0.125,
        unsubscribed: 2,
        bounced: 4,
      },
    ]);
    expect(
      (await t.http('GET', '/api/reports/campaigns?from=2026-03-11&to=2026-03-31', { token: admin })).body.campaigns,
    ).toEqual([]);
    const csv = await fetch(`${t.baseUrl}/api/reports/campaigns/export?from=2026-03-01&to=2026-03-31&format=csv`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const rows = parse(Buffer.from(await csv.arrayBuffer()).toString('utf8'), { bom: true }) as string[][];
    expect(rows[1]).toEqual([
      'mailchimp',
      'Webinar martie',
      'Vă invităm',
      '2026-03-10T08:00:00.000Z',
      '200',
      '90',
      '0.45',
      '25',
      '0.125',
      '2',
      '4',
    ]);
  });
});
