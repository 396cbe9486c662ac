import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../../src/contacts/contacts.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('segments', () => {
  let t: TestApp;
  let admin: string;
  const names = (items: { displayName: string }[]) => items.map((c) => c.displayName).sort();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    const company = await t.http('POST', '/api/companies', {
      token: admin,
      body: { name: 'Agro Sud', idno: '1003600012345', size: 'small', sector: 'agricultură' },
    });
    const people = [
      {
        firstName: 'Ion',
        lastName: 'Popescu',
        locality: 'Cahul',
        activityType: 'agricultură',
        tags: ['agro', 'grant'],
        consent: { sms: true, marketing: true },
        customFields: { hectare: 40 },
        companyId: company.body.id,
      },
      {
        firstName: 'Elena',
        lastName: 'Rusu',
        locality: 'Orhei',
        activityType: 'IT',
        tags: ['it'],
        consent: { email: true },
        customFields: { hectare: 'n/a' },
      },
      {
        firstName: 'Sergiu',
        lastName: 'Lungu',
        locality: 'cahul',
        activityType: 'comerț',
        tags: ['grant'],
        consent: { sms: false },
        customFields: { hectare: 5 },
      },
      { firstName: 'Olga', lastName: 'Ceban', locality: 'Bălți', activityType: 'HoReCa', tags: [], consent: {} },
    ];
    for (const body of people) expect((await t.http('POST', '/api/contacts', { token: admin, body })).status).toBe(201);
  }, 180_000);
  afterAll(() => t.close());

  it('compiles tags, locality, consent, custom fields and company predicates to SQL', async () => {
    const { SegmentFilterCompiler } = await import('../../src/segments/segment-filter.compiler.js');
    const compiler = t.app.get(SegmentFilterCompiler);
    const select = async (filter: unknown) =>
      (
        await t.db
          .select({ name: contacts.displayName })
          .from(contacts)
          .where(compiler.compile(compiler.parse(filter)))
      )
        .map((r) => r.name)
        .sort();
    expect(await select({ conditions: [{ field: 'tags', op: 'hasAny', value: ['grant'] }] })).toEqual([
      'Ion Popescu',
      'Sergiu Lungu',
    ]);
    expect(await select({ conditions: [{ field: 'tags', op: 'hasNone', value: ['grant', 'it'] }] })).toEqual([
      'Olga Ceban',
    ]);
    expect(
      await select({
        conditions: [
          { field: 'locality', op: 'eq', value: 'CAHUL' },
          { field: 'consent', channel: 'sms', value: true },
        ],
      }),
    ).toEqual(['Ion Popescu']);
    expect(await select({ conditions: [{ field: 'consent', channel: 'sms', value: false }] })).toEqual([
      'Elena Rusu',
      'Olga Ceban',
      'Sergiu Lungu',
    ]);
    expect(await select({ conditions: [{ field: 'customField', key: 'hectare', op: 'gte', value: 10 }] })).toEqual([
      'Ion Popescu',
    ]);
    expect(await select({ conditions: [{ field: 'customField', key: 'hectare', op: 'exists' }] })).toHaveLength(3);
    expect(await select({ conditions: [{ field: 'companySize', value: ['small', 'medium'] }] })).toEqual([
      'Ion Popescu',
    ]);
    expect(await select({ conditions: [{ field: 'companySector', op: 'contains', value: 'agri' }] })).toEqual([
      'Ion Popescu',
    ]);
    expect(
      await select({
        match: 'any',
        conditions: [
          { field: 'activityType', op: 'in', value: ['it', 'horeca'] },
          {
            field: 'group',
            match: 'all',
            conditions: [
              { field: 'locality', op: 'eq', value: 'cahul' },
              { field: 'tags', op: 'hasAll', value: ['grant'] },
            ],
          },
        ],
      }),
    ).toEqual(['Elena Rusu', 'Ion Popescu', 'Olga Ceban', 'Sergiu Lungu']);
    expect(await select({})).toHaveLength(4);
  });

  it('rejects an invalid filter naming the condition, and unknown fields', async () => {
    const res = await t.http('POST', '/api/segments', {
      token: admin,
      body: {
        name: 'Bad',
        filter: {
          conditions: [
            { field: 'tags', op: 'hasAny', value: [] },
            { field: 'favouriteColour', value: 'x' },
            { field: 'consent', channel: 'fax', value: true },
          ],
        },
      },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fields).sort()).toEqual([
      'filter.conditions.0.value',
      'filter.conditions.1.field',
      'filter.conditions.2.channel',
    ]);
  });

  it('saves a segment, counts and pages its contacts, updates and deletes it, audited', async () => {
    const created = await t.http('POST', '/api/segments', {
      token: admin,
      body: {
        name: 'Granturi Cahul',
        filter: {
          conditions: [
            { field: 'tags', op: 'hasAny', value: ['grant'] },
            { field: 'locality', op: 'eq', value: 'Cahul' },
          ],
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.filter).toMatchObject({ match: 'all', conditions: [{ field: 'tags' }, { field: 'locality' }] });
    const id = created.body.id;
    expect((await t.http('GET', `/api/segments/${id}/count`, { token: admin })).body).toEqual({ count: 2 });
    const page1 = await t.http('GET', `/api/segments/${id}/contacts?limit=1`, { token: admin });
    const page2 = await t.http('GET', `/api/segments/${id}/contacts?limit=1&cursor=${page1.body.nextCursor}`, {
      token: admin,
    });
    expect(names([...page1.body.items, ...page2.body.items])).toEqual(['Ion Popescu', 'Sergiu Lungu']);
    expect(page2.body.nextCursor).toBeNull();
    expect(
      (await t.http('POST', '/api/segments', { token: admin, body: { name: 'granturi cahul', filter: {} } })).status,
    ).toBe(409);

    const updated = await t.http('PATCH', `/api/segments/${id}`, {
      token: admin,
      body: { filter: { conditions: [{ field: 'consent', channel: 'marketing', value: true }] } },
    });
    expect(updated.status).toBe(200);
    expect((await t.http('GET', `/api/segments/${id}/count`, { token: admin })).body).toEqual({ count: 1 });
    expect(
      (
        await t.http('POST', '/api/segments/preview', {
          token: admin,
          body: { filter: { conditions: [{ field: 'tags', op: 'hasAny', value: ['it'] }] } },
        })
      ).body.count,
    ).toBe(1);

    const { SegmentsService } = await import('../../src/segments/segments.service.js');
    const service = t.app.get(SegmentsService);
    expect(await service.resolveContactIds(id)).toHaveLength(1);
    const batches = [];
    for await (const batch of service.streamContacts(id, 1)) batches.push(batch);
    expect(batches.flat().map((c) => c.displayName)).toEqual(['Ion Popescu']);

    expect((await t.http('DELETE', `/api/segments/${id}`, { token: admin })).status).toBe(204);
    const audit = await t.http('GET', `/api/audit?entityType=segment&entityId=${id}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['delete', 'update', 'create']);
  });

  it('lets another domain register a predicate (cardStage-style extension point)', async () => {
    const { SegmentPredicateRegistry } = await import('../../src/segments/segment-predicate.registry.js');
    const { z } = await import('zod');
    t.app.get(SegmentPredicateRegistry).register({
      field: 'nameLength',
      schema: z.object({ field: z.literal('nameLength'), min: z.number().int() }),
      compile: (c: { min: number }) => sql`length(${contacts.displayName}) >= ${c.min}`,
    });
    const res = await t.http('POST', '/api/segments/preview', {
      token: admin,
      body: { filter: { conditions: [{ field: 'nameLength', min: 11 }] } },
    });
    expect(res.body.count).toBe(2);
    expect((await t.http('GET', '/api/segments/fields', { token: admin })).body.fields).toContain('nameLength');
  });
});
