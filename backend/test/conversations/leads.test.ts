import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationCards } from '../../src/consultations/consultations.schema.js';
import { contactPhones, contacts } from '../../src/contacts/contacts.schema.js';
import { issueLeadFormToken } from '../../src/leads/lead-form-token.js';
import { pipelines } from '../../src/pipelines/pipelines.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const LANDING = 'https://landing.example.md';

function form(fields: Record<string, string>, ip: string, origin = LANDING) {
  return {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'x-forwarded-for': ip },
  };
}

describe('landing-page leads', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      LEAD_CORS_ORIGINS: LANDING,
      LEAD_RATE_LIMIT_PER_MINUTE: '3',
      LEAD_MIN_FILL_SECONDS: '2',
    });
  });
  afterAll(() => t?.close());

  it('creates the contact and a card in the new-requests pipeline with the UTM tags, plus a call-back task', async () => {
    const res = await t.http(
      'POST',
      '/api/leads',
      form(
        {
          name: 'Maria Lungu',
          phone: '069 123 456',
          email: 'maria@example.md',
          message: 'Vreau finanțare PARE 1+1',
          utm_source: 'facebook',
          utm_medium: 'cpc',
          utm_campaign: 'pare-2026',
          utm_term: 'granturi',
          utm_content: 'video-a',
          referrer: 'https://facebook.com/',
          pageUrl: `${LANDING}/pare?utm_source=facebook`,
          elapsedMs: '15000',
          website: '',
        },
        '203.0.113.10',
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get('access-control-allow-origin')).toBe(LANDING);
    const [phone] = await t.db.select().from(contactPhones).where(eq(contactPhones.e164, '+37369123456'));
    const [contact] = await t.db.select().from(contacts).where(eq(contacts.id, phone.contactId));
    expect(contact).toMatchObject({ displayName: 'Maria Lungu', email: 'maria@example.md', source: 'landing' });
    const [card] = await t.db.select().from(consultationCards).where(eq(consultationCards.contactId, contact.id));
    expect(card).toMatchObject({
      source: 'landing',
      status: 'active',
      utm: { source: 'facebook', medium: 'cpc', campaign: 'pare-2026', term: 'granturi', content: 'video-a' },
    });
    const [pipeline] = await t.db.select().from(pipelines).where(eq(pipelines.id, card.pipelineId));
    expect(pipeline.code).toBe('ads-landing');
    expect(await t.db.select().from(tasks).where(eq(tasks.cardId, card.id))).toHaveLength(1);

    // The same person again (by e-mail) updates their open card instead of creating another contact or card.
    const again = await t.http(
      'POST',
      '/api/leads',
      form({ name: 'Maria', email: 'MARIA@example.md', utm_source: 'google', elapsedMs: '9000' }, '203.0.113.11'),
    );
    expect(again.status).toBe(201);
    expect(
      await t.db.select().from(consultationCards).where(eq(consultationCards.contactId, contact.id)),
    ).toMatchObject([{ utm: { source: 'google' } }]);
  });

  it('rejects the honeypot and too-fast forms, and answers 400 with fields on bad input', async () => {
    const honeypot = await t.http(
      'POST',
      '/api/leads',
      form({ name: 'Bot', phone: '+37369000001', website: 'http://spam.example', elapsedMs: '9000' }, '203.0.113.20'),
    );
    expect(honeypot.status).toBe(400);
    expect(honeypot.body.error).toBe('rejected_as_spam');
    const fast = await t.http(
      'POST',
      '/api/leads',
      form({ name: 'Bot', phone: '+37369000001', elapsedMs: '300' }, '203.0.113.21'),
    );
    expect(fast.status).toBe(400);
    expect(fast.body.error).toBe('rejected_as_spam');
    expect(await t.db.select().from(contactPhones).where(eq(contactPhones.e164, '+37369000001'))).toHaveLength(0);

    const missing = await t.http('POST', '/api/leads', form({ name: 'Ion', elapsedMs: '9000' }, '203.0.113.22'));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: 'validation_failed', fields: { phone: expect.any(String) } });
    const bad = await t.http('POST', '/api/leads', { body: { phone: '12', email: 'not-an-email', elapsedMs: 9000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('email');
    const badPhone = await t.http('POST', '/api/leads', form({ phone: '12', elapsedMs: '9000' }, '203.0.113.23'));
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.fields).toHaveProperty('phone');
  });

  it('limits submissions per IP (Redis counter)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await t.http('POST', '/api/leads', form({ phone: `+3736910000${i}`, elapsedMs: '9000' }, '198.51.100.7')))
          .status,
      );
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(
      (await t.http('POST', '/api/leads', form({ phone: '+37369100009', elapsedMs: '9000' }, '198.51.100.8'))).status,
    ).toBe(201);
  });

  it('answers the CORS preflight for configured origins only, and serves the embeddable scripts', async () => {
    const ok = await t.http('OPTIONS', '/api/leads', {
      headers: { origin: LANDING, 'access-control-request-method': 'POST' },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(LANDING);
    const other = await t.http('OPTIONS', '/api/leads', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    for (const name of ['lead-form.js', 'chat.js']) {
      const script = await fetch(`${t.baseUrl}/widget/${name}`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
      expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(await script.text()).toMatch(/Consult CRM/);
    }
  });
});

describe('landing-page leads with an HMAC form token', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LEAD_FORM_SECRET: 'lead-form-secret-for-tests', LEAD_MIN_FILL_SECONDS: '2' });
  });
  afterAll(() => t?.close());

  it('requires a valid, old-enough token', async () => {
    const fresh = await t.http('GET', '/api/leads/form-token');
    expect(fresh.body.formToken).toMatch(/^\d+\.[\w-]+$/);
    const tooFast = await t.http('POST', '/api/leads', {
      body: { phone: '+37369200001', formToken: fresh.body.formToken },
    });
    expect(tooFast.body.error).toBe('rejected_as_spam');
    const forged = await t.http('POST', '/api/leads', {
      body: { phone: '+37369200001', formToken: issueLeadFormToken('wrong-secret', Date.now() - 10_000) },
    });
    expect(forged.body.error).toBe('rejected_as_spam');
    const valid = await t.http('POST', '/api/leads', {
      body: { phone: '+37369200001', formToken: issueLeadFormToken('lead-form-secret-for-tests', Date.now() - 10_000) },
    });
    expect(valid.status).toBe(201);
  });
});
