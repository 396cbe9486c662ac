import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('contacts: create, edit, phones and lookup', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
  }, 180_000);
  afterAll(() => t.close());

  it('normalizes a local number to E.164 and derives the display name', async () => {
    const res = await t.http('POST', '/api/contacts', {
      token: admin,
      body: {
        firstName: 'Ion',
        lastName: 'Popescu',
        email: 'Ion.Popescu@Example.MD',
        phones: ['069123456'],
        locality: 'Chișinău',
        tags: ['agro'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      displayName: 'Ion Popescu',
      email: 'ion.popescu@example.md',
      language: 'ro',
      tags: ['agro'],
    });
    expect(res.body.phones).toEqual([{ e164: '+37369123456', label: null, isPrimary: true }]);
  });

  it('accepts the international spelling and falls back to the phone as display name', async () => {
    const res = await t.http('POST', '/api/contacts', { token: admin, body: { phones: ['+373 79 555 111'] } });
    expect(res.status).toBe(201);
    expect(res.body.displayName).toBe('+37379555111');
    expect(res.body.phones[0].e164).toBe('+37379555111');
  });

  it('rejects an invalid number with a 400 naming phones.N, and a bad e-mail', async () => {
    const res = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'X', phones: ['069111222', '12345'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation_failed');
    expect(Object.keys(res.body.fields)).toEqual(['phones.1']);
    const email = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'X', email: 'not-an-email' },
    });
    expect(email.status).toBe(400);
    expect(email.body.fields.email).toBeTruthy();
  });

  it('refuses a number that belongs to another contact with 409 phone_taken naming it', async () => {
    const first = await t.http('GET', '/api/contacts/lookup?phone=069123456', { token: admin });
    const res = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Alt', phones: ['+373 69 123 456'] },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: 'phone_taken', contactId: first.body.id, phone: '+37369123456' });
  });

  it('looks up by any spelling of the number, 404 when unknown, 400 when invalid', async () => {
    for (const phone of ['069123456', '+37369123456', '0 69 12 34 56', '0037369123456']) {
      const res = await t.http('GET', `/api/contacts/lookup?phone=${encodeURIComponent(phone)}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('Ion Popescu');
    }
    expect((await t.http('GET', '/api/contacts/lookup?phone=069000001', { token: admin })).status).toBe(404);
    expect((await t.http('GET', '/api/contacts/lookup?phone=abc', { token: admin })).status).toBe(400);
  });

  it('edits fields and phones, re-deriving the name, with audit and timeline entries', async () => {
    const created = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Maria', phones: ['060111222'] },
    });
    const id = created.body.id;
    const res = await t.http('PATCH', `/api/contacts/${id}`, {
      token: admin,
      body: {
        lastName: 'Lungu',
        language: 'ru',
        phones: [{ number: '078333444', label: 'work' }, '060111222'],
        consent: { sms: true },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Maria Lungu', language: 'ru', consent: { sms: true } });
    expect(res.body.phones.map((p: { e164: string }) => p.e164)).toEqual(['+37378333444', '+37360111222']);
    const clash = await t.http('PATCH', `/api/contacts/${id}`, { token: admin, body: { phones: ['069123456'] } });
    expect(clash.status).toBe(409);

    const audit = await t.http('GET', `/api/audit?entityType=contact&entityId=${id}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
    const feed = await t.http('GET', `/api/contacts/${id}/timeline`, { token: admin });
    expect(feed.body.items.map((e: { kind: string }) => e.kind)).toEqual(['field_changed', 'contact_created']);
    expect(feed.body.items[0].summary.fields).toEqual(expect.arrayContaining(['lastName', 'phones']));

    const removed = await t.http('DELETE', `/api/contacts/${id}`, { token: admin });
    expect(removed.status).toBe(204);
    expect((await t.http('GET', `/api/contacts/${id}`, { token: admin })).status).toBe(404);
  });

  it('finds or creates by phone and by channel identity (service API for telephony and channels)', async () => {
    const { ContactsService } = await import('../../src/contacts/contacts.service.js');
    const service = t.app.get(ContactsService);
    const a = await service.findOrCreateByPhone('068 777 888', { firstName: 'Apelant', source: 'call' });
    expect(a.created).toBe(true);
    const b = await service.findOrCreateByPhone('+37368777888');
    expect(b).toMatchObject({ created: false, contact: { id: a.contact.id } });
    expect((await service.findByPhone('068777888'))?.id).toBe(a.contact.id);
    expect(await service.findByPhone('garbage')).toBeNull();

    const tg = await service.findOrCreateByChannelIdentity('telegram', '555001', {
      firstName: 'Tg',
      username: 'tguser',
    });
    expect(tg.created).toBe(true);
    expect((await service.findOrCreateByChannelIdentity('telegram', '555001')).contact.id).toBe(tg.contact.id);
    const viaPhone = await service.findOrCreateByChannelIdentity('viber', 'v-1', { phone: '068777888' });
    expect(viaPhone).toMatchObject({ created: false, contact: { id: a.contact.id } });
    expect((await service.findOrCreateByChannelIdentity('viber', 'v-1')).contact.id).toBe(a.contact.id);
  });

  it('lists contacts newest first with a cursor', async () => {
    const first = await t.http('GET', '/api/contacts?limit=2', { token: admin });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await t.http('GET', `/api/contacts?limit=2&cursor=${first.body.nextCursor}`, { token: admin });
    const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
