import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { calls } from '../../src/calls/calls.schema.js';
import { CallsRepository } from '../../src/calls/calls.repository.js';
import { ScreenPopLookup } from '../../src/calls/screen-pop.lookup.js';
import { AuditService } from '../../src/audit/audit.service.js';
import { ContactsService } from '../../src/contacts/contacts.service.js';
import { pipelineByCode } from '../consultations/crm-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { callEvents, createAgent, inboundCall, nextCallId, type Agent } from './support/telephony-test-kit.js';

/** Rings that arrive in the same turn of the event loop share their queries; each still gets its own, right pop. */
describe('screen-pop: concurrent rings are resolved together', () => {
  let t: TestApp;
  let dan: Agent; // 301
  let eva: Agent; // 302
  const knownNumber = '+37368100200';
  let admin: string;
  let knownContactId: string;
  let knownCard: { id: string; title: string; pipelineName: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login();
    dan = await createAgent(t, admin, { email: 'dan@test.local', fullName: 'Dan Rusu', extension: '301' });
    eva = await createAgent(t, admin, { email: 'eva@test.local', fullName: 'Eva Munteanu', extension: '302' });
    // The known caller: one earlier call, answered by Dan.
    const earlier = inboundCall(nextCallId('earlier'), knownNumber, new Date('2026-11-20T10:00:00Z'), {
      extensions: ['301'],
    });
    const { callId } = await callEvents(t).ingest(earlier.ringing);
    await callEvents(t).ingest(earlier.answered('301'));
    await callEvents(t).ingest(earlier.ended('301', 40, 3));
    const [row] = await t.db.select().from(calls).where(eq(calls.id, callId));
    knownContactId = row.contactId!;
    // …who works for a company and has an open consultation card.
    const company = await t.http('POST', '/api/companies', { token: admin, body: { name: 'Livada Nord SRL' } });
    expect(company.status).toBe(201);
    const linked = await t.http('PATCH', `/api/contacts/${knownContactId}`, {
      token: admin,
      body: { companyId: company.body.id },
    });
    expect(linked.status).toBe(200);
    const pipeline = await pipelineByCode(t, admin, 'ads-landing');
    const card = await t.http('POST', '/api/cards', {
      token: admin,
      body: { contactId: knownContactId, pipelineId: pipeline.id, title: 'Grant PARE 1+1' },
    });
    expect(card.status).toBe(201);
    knownCard = { id: card.body.id, title: 'Grant PARE 1+1', pipelineName: pipeline.name };
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    for (const a of [dan, eva]) a?.desk.socket.close();
    await t?.close();
  });

  it('a known and an unknown caller ringing in one tick: one lookup, one insert, each the right pop and row', async () => {
    const lookup = vi.spyOn(t.app.get(ScreenPopLookup), 'knownCallers');
    const insert = vi.spyOn(t.app.get(CallsRepository), 'insertRingingCalls');
    const createContacts = vi.spyOn(t.app.get(ContactsService), 'findOrCreateManyByPhone');
    const unknownNumber = '+37368100300';
    const known = inboundCall(nextCallId(), knownNumber, new Date(), { extensions: ['301', '302'] });
    const unknown = inboundCall(nextCallId(), unknownNumber, new Date(), { extensions: ['302'] });
    const [knownResult, unknownResult] = await Promise.all([
      callEvents(t).ingest(known.ringing),
      callEvents(t).ingest(unknown.ringing),
    ]);
    expect(knownResult.changed && unknownResult.changed).toBe(true);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup.mock.calls[0][0].sort()).toEqual([knownNumber, unknownNumber].sort());
    expect(insert).toHaveBeenCalledTimes(1);
    expect(insert.mock.calls[0][0]).toHaveLength(2);
    expect(createContacts.mock.calls.map((c) => c[0])).toEqual([[unknownNumber]]);

    const knownPop = await dan.desk.waitFor('call:ringing', (p) => p.callId === knownResult.callId);
    expect(knownPop).toMatchObject({
      from: knownNumber,
      isNewContact: false,
      contact: { id: knownContactId, phones: [knownNumber], companyName: 'Livada Nord SRL' },
      openCards: [{ ...knownCard, stageName: expect.any(String) }],
      lastConsultant: { id: dan.id, fullName: 'Dan Rusu' },
    });
    expect(knownPop.lastInteractions.map((i: any) => i.kind)).toContain('call');
    expect(new Date(knownPop.lastInteractions[0].at).getTime()).toBeGreaterThan(0);
    expect(await eva.desk.waitFor('call:ringing', (p) => p.callId === knownResult.callId)).toEqual(knownPop);

    const unknownPop = await eva.desk.waitFor('call:ringing', (p) => p.callId === unknownResult.callId);
    expect(unknownPop).toMatchObject({
      from: unknownNumber,
      isNewContact: true,
      contact: { phones: [unknownNumber] },
      openCards: [],
      lastInteractions: [],
      lastConsultant: null,
    });
    expect(dan.desk.of('call:ringing', unknownResult.callId)).toHaveLength(0);

    const rows = await t.db.select().from(calls).where(eq(calls.providerCallId, known.ringing.callId));
    expect(rows[0]).toMatchObject({ contactId: knownContactId, externalE164: knownNumber, status: 'ringing' });
    expect(rows[0].ringingUserIds.sort()).toEqual([dan.id, eva.id].sort());
    const [unknownRow] = await t.db.select().from(calls).where(eq(calls.id, unknownResult.callId));
    expect(unknownRow).toMatchObject({ contactId: unknownPop.contact.id, ringingUserIds: [eva.id] });
  });

  it('a re-ring in the same batch as a new call rings only the newly added consultant; a replay changes nothing', async () => {
    const first = inboundCall(nextCallId(), '+37368100400', new Date(), { extensions: ['301'] });
    const { callId } = await callEvents(t).ingest(first.ringing);
    await dan.desk.waitFor('call:ringing', (p) => p.callId === callId);
    const other = inboundCall(nextCallId(), knownNumber, new Date(), { extensions: ['301'] });
    const [again, replay, otherResult] = await Promise.all([
      callEvents(t).ingest({ ...first.ringing, agentExtensions: ['301', '302'] }),
      callEvents(t).ingest({ ...first.ringing, agentExtensions: ['301', '302'] }),
      callEvents(t).ingest(other.ringing),
    ]);
    expect(again).toEqual({ callId, changed: true });
    expect(replay).toEqual({ callId, changed: false });
    expect(otherResult.changed).toBe(true);
    await eva.desk.waitFor('call:ringing', (p) => p.callId === callId);
    await dan.desk.waitFor('call:ringing', (p) => p.callId === otherResult.callId);
    expect(dan.desk.of('call:ringing', callId)).toHaveLength(1);
    expect(eva.desk.of('call:ringing', callId)).toHaveLength(1);
    const [row] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(row.ringingUserIds.sort()).toEqual([dan.id, eva.id].sort());
  });

  it('a failure for one number fails only that ring: the others in its batch still pop', async () => {
    const failing = '+37368100500';
    const contacts = t.app.get(ContactsService);
    const original = contacts.findOrCreateByPhone.bind(contacts);
    const originalMany = contacts.findOrCreateManyByPhone.bind(contacts);
    // The new callers' shared creation fails because of the failing number; retried alone, only that one fails.
    vi.spyOn(contacts, 'findOrCreateManyByPhone').mockImplementation((phones, ...rest) =>
      phones.includes(failing) ? Promise.reject(new Error('contact store unavailable')) : originalMany(phones, ...rest),
    );
    const single = vi
      .spyOn(contacts, 'findOrCreateByPhone')
      .mockImplementation((phone, ...rest) =>
        phone === failing ? Promise.reject(new Error('contact store unavailable')) : original(phone, ...rest),
      );
    const bad = inboundCall(nextCallId(), failing, new Date(), { extensions: ['301'] });
    const fresh = inboundCall(nextCallId(), '+37368100600', new Date(), { extensions: ['301'] });
    const known = inboundCall(nextCallId(), knownNumber, new Date(), { extensions: ['302'] });
    const [badResult, freshResult, knownResult] = await Promise.allSettled([
      callEvents(t).ingest(bad.ringing),
      callEvents(t).ingest(fresh.ringing),
      callEvents(t).ingest(known.ringing),
    ]);
    expect(badResult).toMatchObject({ status: 'rejected', reason: { message: 'contact store unavailable' } });
    expect(freshResult.status).toBe('fulfilled');
    expect(knownResult.status).toBe('fulfilled');
    const freshId = (freshResult as PromiseFulfilledResult<{ callId: string }>).value.callId;
    const knownId = (knownResult as PromiseFulfilledResult<{ callId: string }>).value.callId;
    expect(await dan.desk.waitFor('call:ringing', (p) => p.callId === freshId)).toMatchObject({ isNewContact: true });
    expect(await eva.desk.waitFor('call:ringing', (p) => p.callId === knownId)).toMatchObject({
      contact: { id: knownContactId },
    });
    expect(dan.desk.of('call:ringing').filter((p) => p.from === failing)).toHaveLength(0);
    expect(single.mock.calls.map((c) => c[0]).sort()).toEqual([failing, '+37368100600'].sort());
  });

  it('new callers ringing together become contacts in one transaction, each audited and on their timeline', async () => {
    const numbers = ['+37368100801', '+37368100802', '+37368100803'];
    const rings = numbers.map((n) => inboundCall(nextCallId(), n, new Date(), { extensions: ['301'] }).ringing);
    const results = await Promise.all(rings.map((r) => callEvents(t).ingest(r)));
    const pops = await Promise.all(
      results.map(({ callId }) => dan.desk.waitFor('call:ringing', (p) => p.callId === callId)),
    );
    expect(pops.map((p) => [p.from, p.isNewContact, p.contact.phones])).toEqual(numbers.map((n) => [n, true, [n]]));
    expect(new Set(pops.map((p) => p.contact.id)).size).toBe(3);
    for (const [i, { callId }] of results.entries()) {
      const [row] = await t.db.select().from(calls).where(eq(calls.id, callId));
      expect(row.contactId).toBe(pops[i].contact.id);
      const contact = await t.http('GET', `/api/contacts/${pops[i].contact.id}`, { token: admin });
      expect(contact.body).toMatchObject({ source: 'call', displayName: numbers[i] });
      const feed = await t.http('GET', `/api/contacts/${pops[i].contact.id}/timeline`, { token: admin });
      expect(feed.body.items.map((e: any) => e.kind)).toContain('contact_created');
    }
    const chain = await t.app.get(AuditService).verifyChain();
    expect(chain.ok).toBe(true);
  });

  it('an event the shared insert rejects fails alone: its batch is retried call by call', async () => {
    const insert = vi.spyOn(t.app.get(CallsRepository), 'insertRingingCalls');
    const broken = inboundCall(nextCallId(), '+37368100700', new Date('not a date'), { extensions: ['301'] });
    const good = inboundCall(nextCallId(), knownNumber, new Date(), { extensions: ['301'] });
    const [brokenResult, goodResult] = await Promise.allSettled([
      callEvents(t).ingest(broken.ringing),
      callEvents(t).ingest(good.ringing),
    ]);
    expect(brokenResult.status).toBe('rejected');
    expect(goodResult.status).toBe('fulfilled');
    expect(insert.mock.calls.map((c) => c[0].length)).toEqual([2, 1, 1]);
    const goodId = (goodResult as PromiseFulfilledResult<{ callId: string }>).value.callId;
    expect(await dan.desk.waitFor('call:ringing', (p) => p.callId === goodId)).toMatchObject({
      contact: { id: knownContactId },
      lastConsultant: { id: dan.id },
    });
    expect(await t.db.select().from(calls).where(eq(calls.providerCallId, broken.ringing.callId))).toHaveLength(0);
  });
});
