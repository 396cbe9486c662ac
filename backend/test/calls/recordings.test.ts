import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../src/audit/audit.schema.js';
import { callRecordings } from '../../src/recordings/recordings.schema.js';
import { RecordingsService } from '../../src/recordings/recordings.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { sharedFixtures } from './support/fake-ami-server.js';
import { callEvents, createAgent, inboundCall, nextCallId, sleep, type Agent } from './support/telephony-test-kit.js';

const WAV = `${sharedFixtures}recordings/answered-call.wav`;
const wavBytes = readFileSync(WAV);

describe('call recordings: fetch, Range playback, rights, retention, ZIP', () => {
  let t: TestApp;
  let admin: string;
  let ana: Agent; // 101, takes the calls
  let ion: Agent; // 102, only rings
  let supervisor: Agent;
  let asteriskDir: string;

  async function recordedCall(fileName: string, at: Date): Promise<string> {
    copyFileSync(WAV, join(asteriskDir, fileName));
    const call = inboundCall(nextCallId(), '+37369123456', at);
    const { callId } = await callEvents(t).ingest(call.ringing);
    await callEvents(t).ingest(call.answered('101'));
    await callEvents(t).ingest(call.ended('101', 6, 5));
    await callEvents(t).ingest(call.recording(`/var/spool/asterisk/monitor/${fileName}`));
    await callEvents(t).ingest(call.recording(`/var/spool/asterisk/monitor/${fileName}`)); // duplicate: one row
    for (let i = 0; i < 100; i++) {
      const res = await t.http('GET', `/api/calls/${callId}`, { token: admin });
      if (res.body.recording?.status === 'available') return callId;
      await sleep(50);
    }
    throw new Error('recording was not stored');
  }

  function listen(callId: string, token: string, range?: string) {
    return fetch(`${t.baseUrl}/api/calls/${callId}/recording`, {
      headers: { authorization: `Bearer ${token}`, ...(range ? { range } : {}) },
    });
  }

  beforeAll(async () => {
    asteriskDir = mkdtempSync(join(tmpdir(), 'asterisk-monitor-'));
    t = await createTestApp({ ASTERISK_RECORDINGS_DIR: asteriskDir });
    admin = await t.login();
    ana = await createAgent(t, admin, { email: 'ana@rec.local', fullName: 'Ana Popescu', extension: '101' });
    ion = await createAgent(t, admin, { email: 'ion@rec.local', fullName: 'Ion Ciobanu', extension: '102' });
    supervisor = await createAgent(t, admin, { email: 'elena@rec.local', fullName: 'Elena Rusu', role: 'supervisor' });
  });
  afterAll(async () => {
    for (const a of [ana, ion, supervisor]) a?.desk.socket.close();
    await t?.close();
    rmSync(asteriskDir, { recursive: true, force: true });
  });

  it('copies the MixMonitor file once and streams byte ranges with 206', async () => {
    const callId = await recordedCall(
      '20261122-175610-+37369123456-1795370170.0.wav',
      new Date('2026-11-22T17:56:10Z'),
    );
    const rows = await t.db.select().from(callRecordings).where(eq(callRecordings.callId, callId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sizeBytes: wavBytes.length, contentType: 'audio/wav' });

    const partial = await listen(callId, ana.token, 'bytes=100-1123');
    expect(partial.status).toBe(206);
    expect(partial.headers.get('content-range')).toBe(`bytes 100-1123/${wavBytes.length}`);
    expect(partial.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await partial.arrayBuffer()).equals(wavBytes.subarray(100, 1124))).toBe(true);

    const tail = await listen(callId, ana.token, 'bytes=-44');
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(wavBytes.subarray(wavBytes.length - 44))).toBe(true);

    const whole = await listen(callId, supervisor.token);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-length')).toBe(String(wavBytes.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(wavBytes)).toBe(true);

    expect((await listen(callId, ana.token, `bytes=${wavBytes.length}-`)).status).toBe(416);
    const forbidden = await listen(callId, ion.token);
    expect(forbidden.status).toBe(403);
    await forbidden.arrayBuffer();
  });

  it('a recording the PBX has not written yet is fetched later by the sweeper', async () => {
    const call = inboundCall(nextCallId(), '+37369123456', new Date('2026-11-22T18:30:00Z'));
    const { callId } = await callEvents(t).ingest(call.ringing);
    await callEvents(t).ingest(call.ended('101', 6, 5));
    await callEvents(t).ingest(call.recording('late-file.wav'));
    await sleep(300);
    const [pending] = await t.db.select().from(callRecordings).where(eq(callRecordings.callId, callId));
    expect(pending.storedAt).toBeNull();
    copyFileSync(WAV, join(asteriskDir, 'late-file.wav'));
    const service = t.app.get(RecordingsService);
    expect(await service.sweepUnfetched(new Date(Date.now() + 10 * 60_000))).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 100; i++) {
      const [row] = await t.db.select().from(callRecordings).where(eq(callRecordings.callId, callId));
      if (row.storedAt) return;
      await sleep(50);
    }
    throw new Error('sweeper did not fetch the recording');
  });

  it('bulk download: a ZIP with index.csv and the files, for calls.download only, audited', async () => {
    const callId = await recordedCall('zip-me.wav', new Date('2026-11-10T09:00:00Z'));
    expect(
      (await t.http('GET', '/api/calls/recordings.zip?from=2026-11-01&to=2026-12-01', { token: ana.token })).status,
    ).toBe(403);
    expect(
      (await t.http('GET', '/api/calls/recordings.zip?from=2025-01-01&to=2026-12-01', { token: supervisor.token }))
        .status,
    ).toBe(400);
    const res = await fetch(`${t.baseUrl}/api/calls/recordings.zip?from=2026-11-01&to=2026-12-01`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const index = await zip.file('index.csv')!.async('string');
    const lines = index.trim().split('\n');
    expect(lines[0]).toBe('call_id,started_at,from,contact,consultant,duration_seconds,file');
    const line = lines.find((l) => l.startsWith(callId))!;
    expect(line).toContain('2026-11-10T09:00:00.000Z');
    expect(line).toContain('Ana Popescu');
    const fileName = line.split(',').at(-1)!;
    const file = await zip.file(fileName)!.async('nodebuffer');
    expect(file.equals(wavBytes)).toBe(true);
    expect(Object.keys(zip.files).length).toBe(lines.length); // index.csv + one file per row
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, 'recordings.download'));
    expect(audits.length).toBe(1);
  });

  it('retention deletes only expired recordings, their files, and audits as the system', async () => {
    const expiredCall = await recordedCall('old.wav', new Date('2026-05-01T09:00:00Z'));
    const freshCall = await recordedCall('fresh.wav', new Date('2026-11-20T09:00:00Z'));
    const service = t.app.get(RecordingsService);
    const [expired] = await t.db.select().from(callRecordings).where(eq(callRecordings.callId, expiredCall));
    const [fresh] = await t.db.select().from(callRecordings).where(eq(callRecordings.callId, freshCall));
    const now = new Date('2026-11-25T00:00:00Z'); // 183 days after 2026-05-01 is 2026-10-31
    expect(expired.expiresAt.getTime()).toBeLessThan(now.getTime());
    expect(fresh.expiresAt.getTime()).toBeGreaterThan(now.getTime());
    expect(await service.store.head(expired.storageKey!)).not.toBeNull();

    const deleted = await service.runRetention(now);
    expect(deleted).toBeGreaterThanOrEqual(1);
    const [expiredAfter] = await t.db.select().from(callRecordings).where(eq(callRecordings.id, expired.id));
    const [freshAfter] = await t.db.select().from(callRecordings).where(eq(callRecordings.id, fresh.id));
    expect(expiredAfter.deletedAt).not.toBeNull();
    expect(freshAfter.deletedAt).toBeNull();
    expect(await service.store.head(expired.storageKey!)).toBeNull();
    expect(await service.store.head(fresh.storageKey!)).not.toBeNull();
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'recording.retention_deleted'), eq(auditEvents.entityId, expired.id)));
    expect(audit.actorLabel).toBe('system:recording-retention');
    expect((await listen(expiredCall, admin)).status).toBe(404);
    expect(await service.runRetention(now)).toBe(0);
  });
});
