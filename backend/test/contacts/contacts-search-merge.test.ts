import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('contacts: fuzzy search, duplicates and merge', () => {
  let t: TestApp;
  let admin: string;
  const ids: Record<string, string> = {};
  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.http('POST', '/api/contacts', { token: admin, body });
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    await create('popescu', {
      firstName: 'Ion',
      lastName: 'Popescu',
      email: 'ion@agro.md',
      locality: 'Cahul',
      phones: ['069123456'],
      tags: ['agro'],
    });
    await create('ivanov', {
      firstName: 'Сергей',
      lastName: 'Иванов',
      locality: 'Bălți',
      phones: ['078000111'],
      tags: ['it'],
    });
    await create('rusu', {
      firstName: 'Elena',
      lastName: 'Rusu',
      email: 'elena.rusu@mail.md',
      locality: 'Orhei',
      phones: ['067555444'],
    });
    await create('popescuDup', {
      firstName: 'Ion',
      lastName: 'Popesku',
      locality: 'cahul',
      phones: ['060999888'],
      tags: ['export'],
      customFields: { hectare: 40 },
    });
    await create('emailDup', { firstName: 'I.', email: 'ION@agro.md', phones: ['079111222'] });
  }, 180_000);
  afterAll(() => t.close());

  it('finds "Popescu" when searching for the typo "Popscu", best match first', async () => {
    const res = await t.http('GET', '/api/contacts?q=Popscu', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.items[0].id).toBe(ids.popescu);
    expect(res.body.items.map((c: { id: string }) => c.id)).not.toContain(ids.rusu);
  });

  it('matches every word of a multi-word query in any order, typos allowed, and pages it without repeats', async () => {
    const ranked = async (q: string) =>
      (await t.http('GET', `/api/contacts?q=${encodeURIComponent(q)}`, { token: admin })).body.items.map(
        (c: { id: string }) => c.id,
      );
    expect((await ranked('Ion Popscu'))[0]).toBe(ids.popescu);
    expect((await ranked('popescu ion'))[0]).toBe(ids.popescu);
    expect(await ranked('Ion Popesku')).toContain(ids.popescuDup);
    expect(await ranked('Elena Popescu')).not.toContain(ids.popescu);
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const res = await t.http('GET', `/api/contacts?q=Ion+Popescu&limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
        token: admin,
      });
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([ids.popescu, ids.popescuDup]));
  });

  it('searches Cyrillic names, e-mails and phone digits; filters by tag and pages ranked results', async () => {
    expect(
      (await t.http('GET', `/api/contacts?q=${encodeURIComponent('Иванов')}`, { token: admin })).body.items[0].id,
    ).toBe(ids.ivanov);
    expect((await t.http('GET', '/api/contacts?q=elena.rusu', { token: admin })).body.items[0].id).toBe(ids.rusu);
    const byDigits = await t.http('GET', `/api/contacts?q=${encodeURIComponent('67 555')}`, { token: admin });
    expect(byDigits.body.items.map((c: { id: string }) => c.id)).toEqual([ids.rusu]);
    const tagged = await t.http('GET', '/api/contacts?tag=it', { token: admin });
    expect(tagged.body.items.map((c: { id: string }) => c.id)).toEqual([ids.ivanov]);
    const page1 = await t.http('GET', '/api/contacts?q=Ion&limit=1', { token: admin });
    expect(page1.body.items).toHaveLength(1);
    const page2 = await t.http('GET', `/api/contacts?q=Ion&limit=1&cursor=${page1.body.nextCursor}`, { token: admin });
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);
  });

  it('finds a renamed contact by its new name (the name-word dictionary follows edits) and pages one-word searches without repeats', async () => {
    const renamed = await create('renamed', { firstName: 'Vasile', lastName: 'Zgardan', phones: ['062333444'] });
    expect(
      (await t.http('PATCH', `/api/contacts/${renamed.id}`, { token: admin, body: { lastName: 'Țurcanu' } })).status,
    ).toBe(200);
    const found = await t.http('GET', `/api/contacts?q=${encodeURIComponent('Turcanu')}`, { token: admin });
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([renamed.id]);
    for (const n of [1, 2, 3])
      await create(`ion${n}`, { firstName: 'Ion', lastName: `Grosu${'u'.repeat(n)}`, phones: [`06812345${n}`] });
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const res = await t.http('GET', `/api/contacts?q=Ion&limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        token: admin,
      });
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([ids.popescu, ids.popescuDup, ids.ion1, ids.ion2, ids.ion3]));
  });

  it('lists duplicates by e-mail and by similar name in the same locality', async () => {
    const res = await t.http('GET', `/api/contacts/${ids.popescu}/duplicates`, { token: admin });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(
      res.body.map((d: { contact: { id: string }; reasons: string[] }) => [d.contact.id, d.reasons]),
    );
    expect(byId[ids.popescuDup]).toEqual(['similar_name_same_locality']);
    expect(byId[ids.emailDup]).toEqual(['same_email']);
    expect(byId[ids.rusu]).toBeUndefined();
  });

  it('merges a duplicate: phones, timeline, tags and custom fields move; the duplicate points at the survivor', async () => {
    const res = await t.http('POST', `/api/contacts/${ids.popescu}/merge`, {
      token: admin,
      body: { duplicateId: ids.popescuDup },
    });
    expect(res.status).toBe(200);
    expect(res.body.phones.map((p: { e164: string; isPrimary: boolean }) => [p.e164, p.isPrimary])).toEqual([
      ['+37369123456', true],
      ['+37360999888', false],
    ]);
    expect(res.body.tags).toEqual(['agro', 'export']);
    expect(res.body.customFields).toEqual({ hectare: 40 });
    expect(res.body.displayName).toBe('Ion Popescu');

    const lookup = await t.http('GET', '/api/contacts/lookup?phone=060999888', { token: admin });
    expect(lookup.body.id).toBe(ids.popescu);
    const dup = await t.http('GET', `/api/contacts/${ids.popescuDup}`, { token: admin });
    expect(dup.body.mergedIntoId).toBe(ids.popescu);
    expect(dup.body.phones).toEqual([]);
    const feed = await t.http('GET', `/api/contacts/${ids.popescu}/timeline`, { token: admin });
    const kinds = feed.body.items.map((e: { kind: string; refId: string }) => `${e.kind}:${e.refId}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        `contact_merged:${ids.popescuDup}`,
        `contact_created:${ids.popescuDup}`,
        `contact_created:${ids.popescu}`,
      ]),
    );
    const audit = await t.http('GET', `/api/audit?action=contact.merge`, { token: admin });
    expect(audit.body[0]).toMatchObject({ entityId: ids.popescu, after: { duplicateId: ids.popescuDup } });

    const search = await t.http('GET', '/api/contacts?q=Popesku', { token: admin });
    expect(search.body.items.map((c: { id: string }) => c.id)).not.toContain(ids.popescuDup);
    const again = await t.http('POST', `/api/contacts/${ids.popescu}/merge`, {
      token: admin,
      body: { duplicateId: ids.popescuDup },
    });
    expect(again.status).toBe(409);
    const self = await t.http('POST', `/api/contacts/${ids.popescu}/merge`, {
      token: admin,
      body: { duplicateId: ids.popescu },
    });
    expect(self.status).toBe(400);
  });

  it('calls registered merge participants inside the merge transaction', async () => {
    const { ContactMergeRegistry } = await import('../../src/contacts/contact-merge.registry.js');
    const calls: [string, string][] = [];
    t.app
      .get(ContactMergeRegistry)
      .register({ name: 'test-cards', reassignContact: async (_tx, from, to) => void calls.push([from, to]) });
    const res = await t.http('POST', `/api/contacts/${ids.popescu}/merge`, {
      token: admin,
      body: { duplicateId: ids.emailDup },
    });
    expect(res.status).toBe(200);
    expect(calls).toEqual([[ids.emailDup, ids.popescu]]);
  });
});
