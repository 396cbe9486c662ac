import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPhones, contacts } from '../../src/contacts/contacts.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { insertContact, pipelineByCode, stageNamed, type PipelineView } from './crm-fixtures.js';

type ListRow = {
  id: string;
  title: string;
  contactName: string | null;
  contactPhone: string | null;
  openTask: { id: string; title: string; dueAt: string | null } | null;
};

describe('card list: contact name and phone, next open task, instrument / tag / text / segment filters', () => {
  let t: TestApp;
  let admin: string;
  let ads: PipelineView;
  const cardIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    ads = await pipelineByCode(t, admin, 'ads-landing');
    const people = [
      { name: 'Ana Munteanu', phones: ['+37369000001', '+37369000002'], tags: ['vip'], instruments: ['pare-1-1'] },
      { name: 'Ion Ceban', phones: [], tags: [], instruments: ['start-tineri'] },
      { name: 'Vera Lungu', phones: ['+37369000003'], tags: ['vip', 'export'], instruments: [] },
    ];
    for (const p of people) {
      const contactId = await insertContact(t, p.name);
      await t.db.update(contacts).set({ tags: p.tags }).where(eq(contacts.id, contactId));
      for (const [i, e164] of p.phones.entries())
        await t.db.insert(contactPhones).values({ contactId, e164, isPrimary: i === 1 });
      const res = await t.http('POST', '/api/cards', {
        token: admin,
        body: { contactId, pipelineId: ads.id, title: `Consultanță ${p.name.split(' ')[1]}` },
      });
      expect(res.status).toBe(201);
      cardIds[p.name] = res.body.id;
      for (const code of p.instruments)
        expect((await t.http('PUT', `/api/cards/${res.body.id}/instruments/${code}`, { token: admin })).status).toBe(
          200,
        );
    }
    for (const [title, dueAt] of [
      ['Trimite lista de acte', '2030-05-02T09:00:00.000Z'],
      ['Sună pentru programare', '2030-05-01T09:00:00.000Z'],
    ])
      expect(
        (
          await t.http('POST', '/api/tasks', {
            token: admin,
            body: { title, dueAt, cardId: cardIds['Ana Munteanu'] },
          })
        ).status,
      ).toBe(201);
  }, 180_000);
  afterAll(() => t.close());

  const list = async (query: string): Promise<{ items: ListRow[]; total: number }> => {
    const res = await t.http('GET', `/api/cards?pipelineId=${ads.id}&${query}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  };
  const names = (rows: ListRow[]) => rows.map((r) => r.contactName).sort();

  it('returns each card with its contact’s name, primary phone and earliest open task in one page', async () => {
    const { items, total } = await list('limit=200');
    expect(total).toBe(3);
    const byName = Object.fromEntries(items.map((r) => [r.contactName, r]));
    expect(byName['Ana Munteanu']).toMatchObject({
      contactPhone: '+37369000002',
      openTask: { title: 'Sună pentru programare', dueAt: '2030-05-01T09:00:00.000Z' },
    });
    expect(byName['Ion Ceban']).toMatchObject({ contactPhone: null, openTask: null });
    expect(byName['Vera Lungu'].contactPhone).toBe('+37369000003');
  });

  it('filters by instrument, the contact’s tag, the text of the title or the contact’s name, and stage', async () => {
    expect(names((await list('instrument=pare-1-1')).items)).toEqual(['Ana Munteanu']);
    expect(names((await list('tag=vip')).items)).toEqual(['Ana Munteanu', 'Vera Lungu']);
    expect(names((await list('tag=export&q=lungu')).items)).toEqual(['Vera Lungu']);
    expect(names((await list('q=ceban')).items)).toEqual(['Ion Ceban']);
    expect(names((await list('q=100%25')).items)).toEqual([]);
    expect((await list(`stageId=${stageNamed(ads, 'Contactat')}`)).total).toBe(0);
    const paged = await list('limit=2&offset=2');
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.items).toHaveLength(1);
  });

  it('keeps the cards of a saved segment’s contacts, combined with the other filters', async () => {
    const segment = await t.http('POST', '/api/segments', {
      token: admin,
      body: {
        name: 'VIP din reclame',
        filter: {
          match: 'all',
          conditions: [
            { field: 'tags', op: 'hasAny', value: ['vip'] },
            { field: 'cardPipeline', pipelineIds: [ads.id] },
          ],
        },
      },
    });
    expect(segment.status).toBe(201);
    expect(names((await list(`segmentId=${segment.body.id}`)).items)).toEqual(['Ana Munteanu', 'Vera Lungu']);
    expect(names((await list(`segmentId=${segment.body.id}&instrument=pare-1-1`)).items)).toEqual(['Ana Munteanu']);
    const me = (await t.http('GET', '/api/auth/me', { token: admin })).body.id as string;
    const mine = await t.http('POST', '/api/segments/preview', {
      token: admin,
      body: { filter: { conditions: [{ field: 'cardResponsible', userIds: [me] }] } },
    });
    expect(mine.body.count).toBe(3);
    const missing = await t.http('GET', `/api/cards?segmentId=${ads.id}`, { token: admin });
    expect(missing.status).toBe(404);
    const bad = await t.http('GET', '/api/cards?segmentId=nope&limit=0', { token: admin });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(['segmentId', 'limit']));
  });
});
