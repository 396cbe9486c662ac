import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, type CallRow } from '../../src/calls/calls.schema.js';
import { PbxConnectionService } from '../../src/calls/pbx-connection.service.js';
import { callRecordings } from '../../src/recordings/recordings.schema.js';
import { tasks } from '../../src/tasks/tasks.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { combinedAmiCapture, FakeAmiServer, sharedFixtures } from './support/fake-ami-server.js';
import { createAgent, sleep, type Agent } from './support/telephony-test-kit.js';

const ANSWERED = '1795370170.0';
const MISSED = '1795370183.5';
const AFTER_HOURS = '1795370226.21';
const DIRECT = '1795370241.23';

/** The real AMI captures played over TCP into the backend's Asterisk adapter, end to end. */
describe('Asterisk AMI replay → calls, call-backs, desk notifications', () => {
  let t: TestApp;
  let ami: FakeAmiServer;
  let admin: string;
  let ana: Agent; // 101
  let ion: Agent; // 102
  let maria: Agent; // 103
  let recordingsDir: string;
  let byId: Record<string, CallRow>;

  beforeAll(async () => {
    recordingsDir = mkdtempSync(join(tmpdir(), 'asterisk-rec-'));
    for (const name of [
      '20261122-175610-+37369123456-1795370170.0.wav',
      '20261122-175623-+37369000222-1795370183.5.wav',
    ])
      copyFileSync(`${sharedFixtures}recordings/answered-call.wav`, join(recordingsDir, name));
    ami = new FakeAmiServer(
      combinedAmiCapture(['00-registration', 'a-answered', 'b-missed', 'd-afterhours', 'e-direct-dial']),
    );
    const port = await ami.listen();
    // The backend logs in to AMI on boot; the capture is replayed once the desks are connected (ami.release()).
    t = await createTestApp({
      TELEPHONY_ADAPTER: 'asterisk',
      AMI_PORT: String(port),
      AMI_SECRET: 'crm-secret',
      ASTERISK_RECORDINGS_DIR: recordingsDir,
    });
    admin = await t.login();
    ana = await createAgent(t, admin, { email: 'ana@ami.local', fullName: 'Ana Popescu', extension: '101' });
    ion = await createAgent(t, admin, { email: 'ion@ami.local', fullName: 'Ion Ciobanu', extension: '102' });
    maria = await createAgent(t, admin, { email: 'maria@ami.local', fullName: 'Maria Lungu', extension: '103' });
  });
  afterAll(async () => {
    for (const a of [ana, ion, maria]) a?.desk.socket.close();
    await t?.close();
    await ami?.close();
    rmSync(recordingsDir, { recursive: true, force: true });
  });

  it('replays all captures into calls rows', async () => {
    expect(t.app.get(PbxConnectionService).isLeader).toBe(true); // the only node holds the Redis leader lock
    expect(ami.actions[0]).toMatchObject({
      action: expect.stringMatching(/^login$/i),
      username: 'crm',
      secret: 'crm-secret',
    });
    ami.release();
    for (let i = 0; i < 200; i++) {
      const rows = await t.db
        .select()
        .from(calls)
        .where(inArray(calls.providerCallId, [ANSWERED, MISSED, AFTER_HOURS, DIRECT]));
      byId = Object.fromEntries(rows.map((r) => [r.providerCallId, r]));
      if (
        rows.length === 4 &&
        rows.every((r) => !['ringing', 'in-progress'].includes(r.status)) &&
        byId[AFTER_HOURS]?.calledBackAt
      )
        break;
      await sleep(50);
    }
    expect(byId[ANSWERED]).toMatchObject({
      pbx: 'asterisk',
      status: 'answered',
      answeredByUserId: ana.id,
      fromE164: '+37369123456',
      did: '1000',
      queue: 'support',
    });
    expect(byId[ANSWERED].ringingUserIds.sort()).toEqual([ana.id, ion.id].sort());
    expect(Math.abs(byId[ANSWERED].talkSeconds! - 6)).toBeLessThanOrEqual(1);
    expect(byId[MISSED]).toMatchObject({ status: 'abandoned', answeredByUserId: null, fromE164: '+37369000222' });
    expect(byId[AFTER_HOURS]).toMatchObject({ status: 'voicemail', did: '1999' });
    expect(byId[DIRECT]).toMatchObject({
      status: 'answered',
      answeredByUserId: ana.id,
      did: '2000',
      ringingUserIds: [ana.id],
    });
  });

  it('rings only 101/102 (once each, despite the second wave), answered by 101, nothing to 103', async () => {
    const answered = byId[ANSWERED].id;
    const missed = byId[MISSED].id;
    const direct = byId[DIRECT].id;
    for (const agent of [ana, ion]) {
      expect(agent.desk.of('call:ringing', answered)).toHaveLength(1);
      expect(agent.desk.of('call:ringing', missed)).toHaveLength(1);
      expect(agent.desk.of('call:answered', answered)[0].answeredBy).toEqual({ id: ana.id, fullName: 'Ana Popescu' });
      await agent.desk.waitFor('call:ended', (p) => p.callId === answered);
    }
    const pop = ana.desk.of('call:ringing', answered)[0];
    expect(pop).toMatchObject({
      from: '+37369123456',
      did: '1000',
      isNewContact: true,
      contact: { phones: ['+37369123456'] },
    });
    expect(ana.desk.of('call:ringing', direct)).toHaveLength(1);
    expect(ion.desk.of('call:ringing', direct)).toHaveLength(0);
    expect(maria.desk.received.filter((r) => r.event.startsWith('call:'))).toHaveLength(0);
  });

  it('creates call-back tasks for the abandoned and the voicemail call, due Monday 08:00; the direct call marks called back', async () => {
    for (let i = 0; i < 100 && !(byId[MISSED].callbackTaskId && byId[AFTER_HOURS].callbackTaskId); i++) {
      await sleep(50);
      const rows = await t.db
        .select()
        .from(calls)
        .where(inArray(calls.providerCallId, [MISSED, AFTER_HOURS]));
      for (const row of rows) byId[row.providerCallId] = row;
    }
    const missedTask = (await t.db.select().from(tasks).where(eq(tasks.id, byId[MISSED].callbackTaskId!)))[0];
    const voicemailTask = (await t.db.select().from(tasks).where(eq(tasks.id, byId[AFTER_HOURS].callbackTaskId!)))[0];
    // Sunday 2026-11-22 ~19:56 in Chisinau: due at the next opening, Monday 08:00 (+02:00).
    expect(missedTask).toMatchObject({ type: 'call_back', status: 'open' });
    expect(missedTask.dueAt?.toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(voicemailTask).toMatchObject({ type: 'call_back', status: 'open', assigneeUserId: ana.id }); // who took their last call
    expect(byId[AFTER_HOURS].calledBackByCallId).toBe(byId[DIRECT].id);
    await ana.desk.waitFor('callback:assigned', (p) => p.callId === byId[AFTER_HOURS].id);
  });

  it('stores the MixMonitor recording of the answered call', async () => {
    for (let i = 0; i < 100; i++) {
      const [row] = await t.db.select().from(callRecordings).where(eq(callRecordings.callId, byId[ANSWERED].id));
      if (row?.storedAt) {
        expect(row.fileName).toBe('/tmp/asterisk-lab/rec/20261122-175610-+37369123456-1795370170.0.wav');
        return;
      }
      await sleep(50);
    }
    throw new Error('recording not stored');
  });

  it('click-to-call sends an AMI Originate from the consultant extension', async () => {
    const res = await t.http('POST', '/api/calls/originate', { token: ana.token, body: { number: '069 123 456' } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'dialing', to: '+37369123456', fromExtension: '101' });
    const originate = ami.actions.find((a) => a.action?.toLowerCase() === 'originate');
    expect(originate).toMatchObject({ channel: 'PJSIP/101', exten: '+37369123456' });
  });
});
