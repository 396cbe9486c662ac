import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('audit trail', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = await t.login();
  });
  afterAll(() => t.close());

  it('records who changed what, before and after', async () => {
    const created = await t.http('POST', '/api/departments', { token, body: { code: 'events', name: 'Evenimente' } });
    expect(created.status).toBe(201);
    const updated = await t.http('PATCH', `/api/departments/${created.body.id}`, {
      token,
      body: { name: 'Evenimente și instruiri' },
    });
    expect(updated.status).toBe(200);
    const trail = await t.http('GET', `/api/audit?entityType=department&entityId=${created.body.id}`, { token });
    expect(trail.body.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(trail.body[0]).toMatchObject({
      actorLabel: 'admin@test.local',
      before: { name: 'Evenimente' },
      after: { name: 'Evenimente și instruiri' },
    });
    expect(trail.body[0].requestId).toBeTruthy();
  });

  it('verifies an intact chain, including concurrent writes', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http('POST', '/api/departments', { token, body: { code: `parallel-${i}`, name: `Parallel ${i}` } }),
      ),
    );
    const verification = await t.http('GET', '/api/audit/verify', { token });
    expect(verification.body.ok).toBe(true);
    expect(verification.body.checked).toBeGreaterThan(10);
  });

  it('lets an erasure blank an event’s before/after (the chain still verifies) but detects any other change to it', async () => {
    const created = await t.http('POST', '/api/departments', { token, body: { code: 'gdpr', name: 'Date personale' } });
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.entityId} = ${created.body.id}`);
    expect(event.payloadDigest).toMatch(/^[0-9a-f]{64}$/);
    const { AuditService } = await import('../../src/audit/audit.service.js');
    const redaction = await t.db.transaction((tx) =>
      t.app.get(AuditService).redactEntities('department', [created.body.id], tx),
    );
    expect(redaction).toEqual({ redacted: 1, notRedactable: 0 });
    expect((await t.http('GET', '/api/audit/verify', { token })).body.ok).toBe(true);

    // A "redacted" event may hold nothing: putting content back (forged or not) is a change.
    await t.db
      .update(auditEvents)
      .set({ after: { name: 'forged' } })
      .where(sql`${auditEvents.id} = ${event.id}`);
    expect((await t.http('GET', '/api/audit/verify', { token })).body).toMatchObject({
      ok: false,
      brokenAtId: event.id,
      reason: 'event content was changed',
    });
    // Forged content with a matching digest changes the digest the hash covers.
    const { auditPayloadDigest } = await import('../../src/audit/audit-chain.js');
    await t.db
      .update(auditEvents)
      .set({ redactedAt: null, payloadDigest: auditPayloadDigest(null, { name: 'forged' }) })
      .where(sql`${auditEvents.id} = ${event.id}`);
    expect((await t.http('GET', '/api/audit/verify', { token })).body).toMatchObject({
      ok: false,
      brokenAtId: event.id,
    });
    // Back to the redacted state: intact again.
    await t.db
      .update(auditEvents)
      .set({ after: null, redactedAt: new Date(), payloadDigest: event.payloadDigest })
      .where(sql`${auditEvents.id} = ${event.id}`);
    expect((await t.http('GET', '/api/audit/verify', { token })).body.ok).toBe(true);
  });

  it('detects a changed event and a deleted event', async () => {
    const [victim] = await t.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.action} = 'update'`)
      .limit(1);
    await t.db
      .update(auditEvents)
      .set({ after: { name: 'forged' } })
      .where(sql`${auditEvents.id} = ${victim.id}`);
    const changed = await t.http('GET', '/api/audit/verify', { token });
    expect(changed.body).toMatchObject({ ok: false, brokenAtId: victim.id, reason: 'event content was changed' });

    await t.db
      .update(auditEvents)
      .set({ after: victim.after })
      .where(sql`${auditEvents.id} = ${victim.id}`);
    expect((await t.http('GET', '/api/audit/verify', { token })).body.ok).toBe(true);

    await t.db.delete(auditEvents).where(sql`${auditEvents.id} = ${victim.id}`);
    const deleted = await t.http('GET', '/api/audit/verify', { token });
    expect(deleted.body).toMatchObject({ ok: false, reason: 'link to the previous event does not match' });
    expect(deleted.body.brokenAtId).toBeGreaterThan(victim.id);
  });
});
