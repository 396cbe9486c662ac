import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/calls/calls.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import { timelineEntries } from '../../src/timeline/timeline.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { callEvents, createAgent, inboundCall, nextCallId, sleep, type Agent } from './support/telephony-test-kit.js';

describe('call events: state machine, screen-pop, call-backs, routing', () => {
  let t: TestApp;
  let admin: string;
  let ana: Agent; // 101
  let ion: Agent; // 102
  let maria: Agent; // 103, never rings in these calls

  beforeAll(async () => {
    t = await createTestApp({ TELEPHONY_ROUTE_TOKEN: 'route-secret' });
    admin = await t.login();
    ana = await createAgent(t, admin, { email: 'ana@test.local', fullName: 'Ana Popescu', extension: '101' });
    ion = await createAgent(t, admin, { email: 'ion@test.local', fullName: 'Ion Ciobanu', extension: '102' });
    maria = await createAgent(t, admin, { email: 'maria@test.local', fullName: 'Maria Lungu', extension: '103' });
  });
  afterAll(async () => {
    for (const a of [ana, ion, maria]) a?.desk.socket.close();
    await t?.close();
  });

  it('an answered call: screen-pop only to the ringing extensions, a new contact, answered by 101, timeline entry', async () => {
    const id = nextCallId();
    const call = inboundCall(id, '+37369123456', new Date('2026-11-23T08:00:00Z'));
    const ingest = callEvents(t);
    const first = await ingest.ingest(call.ringing);
    expect(first.changed).toBe(true);
    const pop = await ana.desk.waitFor('call:ringing', (p) => p.callId === first.callId);
    await ion.desk.waitFor('call:ringing', (p) => p.callId === first.callId);
    expect(pop).toMatchObject({
      from: '+37369123456',
      did: '1000',
      isNewContact: true,
      openCards: [],
      lastConsultant: null,
    });
    expect(pop.contact).toMatchObject({ displayName: expect.any(String), phones: ['+37369123456'] });

    expect((await ingest.ingest(call.ringing)).changed).toBe(false); // a replayed event is a no-op
    expect((await ingest.ingest(call.answered('101'))).changed).toBe(true);
    expect((await ingest.ingest(call.answered('101'))).changed).toBe(false);
    await ion.desk.waitFor('call:answered', (p) => p.callId === first.callId && p.answeredBy?.id === ana.id);
    expect((await ingest.ingest(call.ended('101', 6, 5))).changed).toBe(true);
    expect((await ingest.ingest(call.ended('101', 6, 5))).changed).toBe(false);
    await ana.desk.waitFor('call:ended', (p) => p.callId === first.callId && p.status === 'answered');
    await sleep(50);

    expect(ana.desk.of('call:ringing', first.callId)).toHaveLength(1);
    expect(maria.desk.of('call:ringing', first.callId)).toHaveLength(0);
    expect(maria.desk.of('call:answered', first.callId)).toHaveLength(0);

    const [row] = await t.db.select().from(calls).where(eq(calls.id, first.callId));
    expect(row).toMatchObject({
      status: 'answered',
      answeredByUserId: ana.id,
      talkSeconds: 6,
      waitSeconds: 5,
      fromE164: '+37369123456',
      contactId: pop.contact.id,
    });
    expect(row.ringingUserIds.sort()).toEqual([ana.id, ion.id].sort());
    const entries = await t.db.select().from(timelineEntries).where(eq(timelineEntries.refId, first.callId));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'call', contactId: pop.contact.id });

    const contact = await t.http('GET', `/api/contacts/${pop.contact.id}`, { token: admin });
    expect(contact.body.source).toBe('call');
  });

  it('the next call of a known caller pops the contact, the last interactions and the last consultant', async () => {
    const call = inboundCall(nextCallId(), '069123456', new Date('2026-11-23T09:00:00Z'));
    const { callId } = await callEvents(t).ingest(call.ringing);
    const pop = await ion.desk.waitFor('call:ringing', (p) => p.callId === callId);
    expect(pop.isNewContact).toBe(false);
    expect(pop.contact.phones).toEqual(['+37369123456']);
    expect(pop.lastConsultant).toEqual({ id: ana.id, fullName: 'Ana Popescu' });
    expect(pop.lastInteractions.map((i: any) => i.kind)).toContain('call');
    expect(pop.lastInteractions.length).toBeLessThanOrEqual(5);
    await callEvents(t).ingest(call.answered('102'));
    await callEvents(t).ingest(call.ended('102', 30, 5));
  });

  it('routing sends a known caller to the last consultant, others to the fallback queue, and needs the token', async () => {
    const text = await t.http(
      'GET',
      '/api/telephony/route?from=%2B37369123456&did=1000&format=text&token=route-secret',
    );
    expect(text.status).toBe(200);
    expect(text.body).toBe('ext:102'); // Ion answered the latest call
    const json = await t.http('GET', '/api/telephony/route?from=+37368999888&did=1000', {
      headers: { 'x-telephony-token': 'route-secret' },
    });
    expect(json.body).toMatchObject({ target: 'queue', queue: 'support', extension: null, reason: 'fallback_queue' });
    expect((await t.http('GET', '/api/telephony/route?from=%2B37369123456&token=wrong')).status).toBe(401);
    expect((await t.http('GET', '/api/telephony/route?from=%2B37369123456')).status).toBe(401);
  });

  it('missed after hours (Friday 18:00) → one call-back task due Monday 08:00 for the last consultant; repeats join it', async () => {
    const friday = new Date('2026-11-20T16:00:00Z'); // 18:00 in Chisinau
    const first = inboundCall(nextCallId(), '+37369123456', friday);
    const { callId } = await callEvents(t).ingest(first.ringing);
    await callEvents(t).ingest(first.missed('abandoned'));
    const assigned = await ion.desk.waitFor('callback:assigned', (p) => p.callId === callId);
    expect(new Date(assigned.dueAt).toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(assigned.outOfHours).toBe(true);
    const [missedRow] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(missedRow.status).toBe('abandoned');
    const [task] = await t.db.select().from(tasks).where(eq(tasks.id, missedRow.callbackTaskId!));
    expect(task).toMatchObject({
      type: 'call_back',
      status: 'open',
      assigneeUserId: ion.id,
      contactId: missedRow.contactId,
    });

    for (const hour of [17, 18]) {
      const again = inboundCall(nextCallId(), '+37369123456', new Date(`2026-11-21T${hour}:00:00Z`));
      const r = await callEvents(t).ingest(again.ringing);
      await callEvents(t).ingest(again.missed('missed'));
      const [row] = await t.db.select().from(calls).where(eq(calls.id, r.callId));
      expect(row.callbackTaskId).toBe(task.id);
    }
    const callBackTasks = await t.db.select().from(tasks).where(eq(tasks.contactId, missedRow.contactId!));
    expect(callBackTasks.filter((x) => x.type === 'call_back')).toHaveLength(1);
    expect(callBackTasks[0].title).toMatch(/3 apeluri pierdute/);

    // An answered call from that number marks the missed calls called back; the task stays open for a person to close.
    const later = inboundCall(nextCallId(), '+37369123456', new Date('2026-11-23T07:00:00Z'));
    const answered = await callEvents(t).ingest(later.ringing);
    await callEvents(t).ingest(later.answered('101'));
    const missed = await t.http('GET', '/api/calls?status=unanswered&notCalledBack=true', { token: admin });
    expect(missed.status).toBe(200);
    expect(missed.body.items.filter((c: any) => c.fromE164 === '+37369123456')).toHaveLength(0);
    const [calledBack] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(calledBack.calledBackByCallId).toBe(answered.callId);
    const [stillOpen] = await t.db.select().from(tasks).where(eq(tasks.id, task.id));
    expect(stillOpen.status).toBe('open');
  });

  it('missed inside hours is due within the configured minutes; round-robin assigns unknown callers in turn', async () => {
    const settings = await t.http('PUT', '/api/telephony/settings', {
      token: admin,
      body: { callbackAssignmentMode: 'round_robin', callbackDueMinutes: 30 },
    });
    expect(settings.status).toBe(200);
    const assignees: string[] = [];
    for (const [i, number] of ['+37360000001', '+37360000002', '+37360000003'].entries()) {
      const at = new Date(Date.UTC(2026, 10, 24, 8 + i)); // Tuesday 10:00–12:00 local
      const call = inboundCall(nextCallId(), number, at, { extensions: ['101'] });
      const { callId } = await callEvents(t).ingest(call.ringing);
      await callEvents(t).ingest(call.missed('abandoned'));
      const [row] = await t.db.select().from(calls).where(eq(calls.id, callId));
      const [task] = await t.db.select().from(tasks).where(eq(tasks.id, row.callbackTaskId!));
      expect(task.dueAt?.toISOString()).toBe(new Date(at.getTime() + 30 * 60_000).toISOString()); // from the call start
      assignees.push(task.assigneeUserId!);
    }
    expect(new Set(assignees).size).toBe(3);
    await t.http('PUT', '/api/telephony/settings', {
      token: admin,
      body: { callbackAssignmentMode: 'last_consultant', callbackDueMinutes: 15 },
    });
  });

  it('an outbound call to the number marks earlier missed calls called back', async () => {
    const number = '+37379555111';
    const missed = inboundCall(nextCallId(), number, new Date('2026-11-24T12:00:00Z'));
    const { callId } = await callEvents(t).ingest(missed.ringing);
    await callEvents(t).ingest(missed.missed('missed'));
    const out = await callEvents(t).ingest({
      kind: 'ringing',
      pbx: 'asterisk',
      callId: nextCallId(),
      at: new Date('2026-11-24T12:30:00Z'),
      from: '101',
      to: '079555111',
      direction: 'outbound',
    });
    const [row] = await t.db.select().from(calls).where(eq(calls.id, callId));
    expect(row.calledBackByCallId).toBe(out.callId);
  });

  it('lists and shows calls by rights', async () => {
    const mine = await t.http('GET', '/api/calls?limit=100', { token: maria.token });
    expect(mine.status).toBe(200);
    expect(
      mine.body.items.every((c: any) => c.ringingUserIds.includes(maria.id) || c.answeredByUserId === maria.id),
    ).toBe(true);
    const all = await t.http('GET', `/api/calls?userId=${ana.id}`, { token: admin });
    expect(all.body.total).toBeGreaterThan(0);
    const one = await t.http('GET', `/api/calls/${all.body.items[0].id}`, { token: ana.token });
    expect(one.status).toBe(200);
    expect((await t.http('GET', `/api/calls/${all.body.items[0].id}`, { token: maria.token })).status).toBe(403);
  });

  it('click-to-call needs an extension and a configured PBX', async () => {
    const noExt = await createAgent(t, admin, { email: 'noext@test.local' });
    const refused = await t.http('POST', '/api/calls/originate', { token: noExt.token, body: { number: '069123456' } });
    expect(refused.status).toBe(400);
    noExt.desk.socket.close();
    const disabled = await t.http('POST', '/api/calls/originate', { token: ana.token, body: { number: '069123456' } });
    expect(disabled.status).toBe(503);
  });
});
