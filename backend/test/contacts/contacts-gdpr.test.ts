import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('contacts: GDPR export and erasure', () => {
  let t: TestApp;
  let admin: string;
  let supervisor: string;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    await t.http('POST', '/api/users', {
      token: admin,
      body: { email: 'sup@test.local', fullName: 'Sup', role: 'supervisor', password: 'password-for-tests-1' },
    });
    supervisor = await t.login('sup@test.local', 'password-for-tests-1');
    const created = await t.http('POST', '/api/contacts', {
      token: admin,
      body: {
        firstName: 'Ana',
        lastName: 'Ceban',
        email: 'ana@ceban.md',
        phones: ['069444555'],
        notes: 'Vrea un grant',
        tags: ['grant'],
        customFields: { hectare: 3 },
      },
    });
    id = created.body.id;
    const { ContactsService } = await import('../../src/contacts/contacts.service.js');
    await t.app
      .get(ContactsService)
      .findOrCreateByChannelIdentity('telegram', 'tg-ana', { phone: '069444555', username: 'ana_c' });
    const dup = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Ana', lastName: 'Ceban', phones: ['078444555'] },
    });
    await t.http('POST', `/api/contacts/${id}/merge`, { token: admin, body: { duplicateId: dup.body.id } });
    await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Ana', lastName: 'Rusu', phones: ['069777888'] },
    });
  }, 180_000);
  afterAll(() => t.close());

  it('exports everything stored about the person as JSON', async () => {
    const res = await t.http('GET', `/api/contacts/${id}/export`, { token: supervisor });
    expect(res.status).toBe(200);
    expect(res.body.contact).toMatchObject({ id, email: 'ana@ceban.md', notes: 'Vrea un grant' });
    expect(res.body.contact.phones.map((p: { e164: string }) => p.e164).sort()).toEqual([
      '+37369444555',
      '+37378444555',
    ]);
    expect(res.body.channelIdentities).toEqual([
      expect.objectContaining({ channel: 'telegram', providerUserId: 'tg-ana', username: 'ana_c' }),
    ]);
    expect(res.body.mergedContacts).toHaveLength(1);
    expect(res.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['contact_created', 'contact_merged']),
    );
  });

  it('erases only with contacts.erase: personal fields blanked, phones and identities deleted, audit without personal data', async () => {
    expect((await t.http('POST', `/api/contacts/${id}/erase`, { token: supervisor })).status).toBe(403);
    const res = await t.http('POST', `/api/contacts/${id}/erase`, { token: admin });
    expect(res.status).toBe(200);
    const erased = await t.http('GET', `/api/contacts/${id}`, { token: admin });
    expect(erased.body).toMatchObject({
      firstName: null,
      lastName: null,
      email: null,
      notes: null,
      tags: [],
      customFields: {},
      phones: [],
    });
    expect(erased.body.erasedAt).toBeTruthy();
    expect(erased.body.displayName).not.toContain('Ana');
    expect((await t.http('GET', '/api/contacts/lookup?phone=069444555', { token: admin })).status).toBe(404);
    expect((await t.http('GET', '/api/contacts/lookup?phone=078444555', { token: admin })).status).toBe(404);
    expect((await t.http('GET', '/api/contacts?q=Ceban', { token: admin })).body.items).toEqual([]);
    // Her surname left the search's word dictionary; a first name someone else still has stays.
    const { contactNameWords } = await import('../../src/contacts/contacts.schema.js');
    const words = (await t.db.select().from(contactNameWords)).map((w) => w.word);
    expect(words).not.toContain('ceban');
    expect(words).toContain('ana');

    const audit = await t.http('GET', `/api/audit?action=contact.erase`, { token: admin });
    expect(audit.body[0]).toMatchObject({
      entityId: id,
      after: { removed: { phones: 2, identities: 1, mergedContacts: 1 } },
    });
    expect(JSON.stringify(audit.body[0])).not.toMatch(/Ceban|ana@ceban|069444555|\+37369444555/);
    expect(audit.body[0].after.auditEventsRedacted).toBeGreaterThanOrEqual(2);
    // Her earlier audit events (created, merged…) no longer hold her data, and the chain still verifies.
    const trail = await t.http('GET', `/api/audit?entityType=contact&entityId=${id}`, { token: admin });
    const earlier = trail.body.filter((e: { action: string }) => e.action !== 'contact.erase');
    expect(earlier.length).toBeGreaterThanOrEqual(2);
    for (const event of earlier)
      expect(event).toMatchObject({ before: null, after: null, redactedAt: expect.any(String) });
    expect(JSON.stringify(trail.body)).not.toMatch(/Ceban|ana@ceban|069444555|\+37369444555/);
    expect((await t.http('GET', '/api/audit/verify', { token: admin })).body.ok).toBe(true);

    expect((await t.http('POST', `/api/contacts/${id}/erase`, { token: admin })).status).toBe(409);
    expect((await t.http('PATCH', `/api/contacts/${id}`, { token: admin, body: { firstName: 'Ana' } })).status).toBe(
      409,
    );
    // The number is free again: the person can become a new contact.
    expect((await t.http('POST', '/api/contacts', { token: admin, body: { phones: ['069444555'] } })).status).toBe(201);
  });
});
