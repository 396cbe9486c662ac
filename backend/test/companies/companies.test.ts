import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('companies', () => {
  let t: TestApp;
  let admin: string;
  let agroId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
  }, 180_000);
  afterAll(() => t.close());

  it('creates a company with a 13-digit IDNO and refuses a duplicate IDNO with 409', async () => {
    const res = await t.http('POST', '/api/companies', {
      token: admin,
      body: {
        name: 'AgroVita SRL',
        idno: '1003600012345',
        size: 'small',
        sector: 'agricultură',
        locality: 'Cahul',
        website: 'https://agrovita.md',
      },
    });
    expect(res.status).toBe(201);
    agroId = res.body.id;
    const dup = await t.http('POST', '/api/companies', {
      token: admin,
      body: { name: 'Alta SRL', idno: '1003600012345' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ error: 'idno_taken', companyId: agroId });
    const bad = await t.http('POST', '/api/companies', {
      token: admin,
      body: { name: 'X', idno: '12345', size: 'huge' },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['idno', 'size']);
    const audit = await t.http('GET', `/api/audit?entityType=company&entityId=${agroId}`, { token: admin });
    expect(audit.body.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('updates, and finds companies by a misspelt name or IDNO prefix', async () => {
    await t.http('POST', '/api/companies', {
      token: admin,
      body: { name: 'Tehno Soft SRL', idno: '1012600099887', size: 'medium', sector: 'IT' },
    });
    const updated = await t.http('PATCH', `/api/companies/${agroId}`, { token: admin, body: { size: 'medium' } });
    expect(updated.body.size).toBe('medium');
    const fuzzy = await t.http('GET', '/api/companies?q=Agrovitta', { token: admin });
    expect(fuzzy.body.items.map((c: { name: string }) => c.name)).toEqual(['AgroVita SRL']);
    const byIdno = await t.http('GET', '/api/companies?q=10126', { token: admin });
    expect(byIdno.body.items.map((c: { name: string }) => c.name)).toEqual(['Tehno Soft SRL']);
    const bySize = await t.http('GET', '/api/companies?size=medium&limit=1', { token: admin });
    expect(bySize.body.items).toHaveLength(1);
    expect(bySize.body.nextCursor).toBeTruthy();
  });

  it('links, lists and unlinks contacts', async () => {
    const contact = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Vasile', lastName: 'Cojocaru', phones: ['069222333'] },
    });
    const linked = await t.http('POST', `/api/companies/${agroId}/contacts`, {
      token: admin,
      body: { contactId: contact.body.id },
    });
    expect(linked.status).toBe(200);
    expect(linked.body.companyId).toBe(agroId);
    const list = await t.http('GET', `/api/companies/${agroId}/contacts`, { token: admin });
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([contact.body.id]);
    const unlinked = await t.http('DELETE', `/api/companies/${agroId}/contacts/${contact.body.id}`, { token: admin });
    expect(unlinked.body.companyId).toBeNull();
    expect((await t.http('GET', `/api/companies/${agroId}/contacts`, { token: admin })).body.items).toEqual([]);
    expect(
      (await t.http('DELETE', `/api/companies/${agroId}/contacts/${contact.body.id}`, { token: admin })).status,
    ).toBe(404);
  });

  it('deletes a company (its contacts stay, unlinked)', async () => {
    const contact = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Olga', companyId: agroId },
    });
    expect(contact.body.companyId).toBe(agroId);
    expect((await t.http('DELETE', `/api/companies/${agroId}`, { token: admin })).status).toBe(204);
    expect((await t.http('GET', `/api/contacts/${contact.body.id}`, { token: admin })).body.companyId).toBeNull();
    const missing = await t.http('POST', '/api/contacts', {
      token: admin,
      body: { firstName: 'Olga', companyId: agroId },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.fields.companyId).toBeTruthy();
  });
});
