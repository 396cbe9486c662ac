import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateContact, generateContacts } from '../../src/contacts/demo/contact-generator.js';
import { normalizePhoneNumber } from '../../src/contacts/phone-number.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('contacts: demo data and generator', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
  }, 180_000);
  afterAll(() => t.close());

  it('generates deterministic, valid, unique contacts', () => {
    expect(generateContact(123)).toEqual(generateContact(123));
    const batch = [...generateContacts(5000)];
    expect(new Set(batch.map((c) => c.phone)).size).toBe(5000);
    for (const c of batch.slice(0, 300)) expect(normalizePhoneNumber(c.phone, 'MD')).toBe(c.phone);
    expect(batch.some((c) => c.language === 'ru' && /[а-я]/i.test(c.lastName))).toBe(true);
    expect(new Set(batch.map((c) => c.locality))).toContain('Comrat');
  });

  it('seeds 60 contacts and 15 companies once (idempotent), searchable and audited', async () => {
    const { ContactsDemoSeed } = await import('../../src/contacts/demo/contacts-demo.seed.js');
    const seeder = t.app.get(ContactsDemoSeed);
    await seeder.seed();
    await seeder.seed();
    const page = await t.http('GET', '/api/contacts?limit=200', { token: admin });
    expect(page.body.items).toHaveLength(60);
    const companies = await t.http('GET', '/api/companies?limit=200', { token: admin });
    expect(companies.body.items).toHaveLength(15);
    expect(page.body.items.filter((c: { companyId: string | null }) => c.companyId).length).toBeGreaterThan(5);
    const someone = page.body.items[7];
    const found = await t.http('GET', `/api/contacts?q=${encodeURIComponent(someone.lastName)}`, { token: admin });
    expect(found.body.items.map((c: { id: string }) => c.id)).toContain(someone.id);
    const audit = await t.http('GET', '/api/audit?entityType=contact&action=create&limit=500', { token: admin });
    expect(audit.body).toHaveLength(60);
  });
});
