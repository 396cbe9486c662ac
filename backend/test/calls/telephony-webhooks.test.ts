import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls } from '../../src/calls/calls.schema.js';
import { callRecordings } from '../../src/recordings/recordings.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { sharedFixtures } from './support/fake-ami-server.js';
import { callEvents, createAgent, inboundCall, nextCallId, sleep, type Agent } from './support/telephony-test-kit.js';

const ACCOUNT_SID = 'AC00000000000000000000000000000001';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const wav = readFileSync(`${sharedFixtures}recordings/answered-call.wav`);

/** X-Twilio-Signature as Twilio documents it: base64 HMAC-SHA1 of the URL followed by the sorted POST fields. */
function twilioSignature(url: string, params: Record<string, string>): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join('');
  return createHmac('sha1', AUTH_TOKEN).update(Buffer.from(data, 'utf8')).digest('base64');
}

async function alwaysOpen(t: TestApp, token: string, open: boolean): Promise<void> {
  const intervals = open
    ? [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '00:00', closesAt: '24:00' }))
    : [];
  expect((await t.http('PUT', '/api/working-hours', { token, body: { intervals } })).status).toBe(200);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Chisinau' }).format(new Date());
  await t.http('DELETE', `/api/working-hours/holidays/${today}`, { token });
}

describe('Twilio Voice webhooks', () => {
  let t: TestApp;
  let admin: string;
  let ana: Agent;
  let media: Server;
  const mediaAuth: (string | undefined)[] = [];

  function post(path: string, params: Record<string, string>, signature?: string) {
    return t.http('POST', path, {
      body: new URLSearchParams(params).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature ?? twilioSignature(`${t.baseUrl}${path}`, params),
      },
    });
  }

  beforeAll(async () => {
    media = createServer((req, res) => {
      mediaAuth.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'audio/x-wav', 'content-length': wav.length }).end(wav);
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({
      TELEPHONY_ADAPTER: 'twilio',
      TWILIO_VOICE_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_VOICE_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_VOICE_CALLER_ID: '+37322000000',
    });
    admin = await t.login();
    ana = await createAgent(t, admin, { email: 'ana@twilio.local', fullName: 'Ana Popescu', extension: '101' });
    // Ana handled this caller yesterday: routing sends the next call to her.
    const earlier = inboundCall(nextCallId(), '+37369777888', new Date(Date.now() - 86_400_000), {
      extensions: ['101'],
    });
    await callEvents(t).ingest(earlier.ringing);
    await callEvents(t).ingest(earlier.answered('101'));
    await callEvents(t).ingest(earlier.ended('101'));
  });
  afterAll(async () => {
    ana?.desk.socket.close();
    await t?.close();
    media?.close();
  });

  it('refuses a forged incoming-call webhook with 401', async () => {
    const params = {
      CallSid: 'CAforged',
      From: '+37369777888',
      To: '+37322000000',
      CallStatus: 'ringing',
      Direction: 'inbound',
    };
    expect((await post('/api/telephony/twilio/voice', params, 'bm90LWEtc2lnbmF0dXJl')).status).toBe(401);
    expect(
      (
        await post(
          '/api/telephony/twilio/voice',
          { ...params, From: '+37369000001' },
          twilioSignature(`${t.baseUrl}/api/telephony/twilio/voice`, params),
        )
      ).status,
    ).toBe(401);
    expect(await t.db.select().from(calls).where(eq(calls.providerCallId, 'CAforged'))).toHaveLength(0);
  });

  it('answers TwiML that rings the last consultant and records; pops the call on her desk', async () => {
    await alwaysOpen(t, admin, true);
    const params = {
      CallSid: 'CA100',
      AccountSid: ACCOUNT_SID,
      From: '+37369777888',
      To: '+37322000000',
      CallStatus: 'ringing',
      Direction: 'inbound',
    };
    const res = await post('/api/telephony/twilio/voice', params);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/xml/);
    expect(res.body).toMatch(/<Dial [^>]*record="record-from-answer-dual"/);
    expect(res.body).toContain('<Client>101</Client>');
    expect(res.body).toMatch(/recordingStatusCallback="[^"]*\/api\/telephony\/twilio\/recording"/);
    const pop = await ana.desk.waitFor(
      'call:ringing',
      (p) => p.from === '+37369777888' && p.lastConsultant?.id === ana.id,
    );
    expect(pop.contact.phones).toEqual(['+37369777888']);
  });

  it('status and recording callbacks end the call and fetch the recording with the account credentials', async () => {
    const status = await post('/api/telephony/twilio/status', {
      CallSid: 'CA100',
      From: '+37369777888',
      To: '+37322000000',
      CallStatus: 'completed',
      CallDuration: '42',
      Direction: 'inbound',
    });
    expect(status.status).toBe(204);
    const [row] = await t.db
      .select()
      .from(calls)
      .where(and(eq(calls.pbx, 'twilio'), eq(calls.providerCallId, 'CA100')));
    expect(row).toMatchObject({ status: 'answered', talkSeconds: 42, externalE164: '+37369777888' });
    const mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE100`;
    const recording = await post('/api/telephony/twilio/recording', {
      CallSid: 'CA100',
      RecordingSid: 'RE100',
      RecordingUrl: mediaUrl,
      RecordingStatus: 'completed',
      RecordingDuration: '41',
    });
    expect(recording.status).toBe(204);
    for (let i = 0; i < 100; i++) {
      const [stored] = await t.db.select().from(callRecordings).where(eq(callRecordings.callId, row.id));
      if (stored?.storedAt) {
        expect(stored.sizeBytes).toBe(wav.length);
        expect(mediaAuth[0]).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`);
        return;
      }
      await sleep(50);
    }
    throw new Error('Twilio recording not stored');
  });

  it('out of hours the TwiML takes a voicemail; a forged status callback is refused', async () => {
    await alwaysOpen(t, admin, false);
    const res = await post('/api/telephony/twilio/voice', {
      CallSid: 'CA200',
      From: '+37369777888',
      To: '+37322000000',
      CallStatus: 'ringing',
      Direction: 'inbound',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<Record');
    expect(res.body).not.toContain('<Dial');
    expect(
      (await post('/api/telephony/twilio/status', { CallSid: 'CA200', CallStatus: 'no-answer' }, 'forged')).status,
    ).toBe(401);
    expect(
      (
        await post('/api/telephony/twilio/status', {
          CallSid: 'CA200',
          From: '+37369777888',
          To: '+37322000000',
          CallStatus: 'no-answer',
          Direction: 'inbound',
        })
      ).status,
    ).toBe(204);
    const [row] = await t.db.select().from(calls).where(eq(calls.providerCallId, 'CA200'));
    expect(row.status).toBe('missed');
    expect(row.callbackTaskId).not.toBeNull();
  });
});

describe('generic cloud-PBX webhook', () => {
  let t: TestApp;
  const secret = 'cloud-pbx-secret';

  function send(body: unknown, signature?: string) {
    const raw = JSON.stringify(body);
    return t.http('POST', '/api/telephony/cloud-pbx/events', {
      body: raw,
      headers: {
        'content-type': 'application/json',
        'x-signature': signature ?? createHmac('sha256', secret).update(raw).digest('hex'),
      },
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ TELEPHONY_ADAPTER: 'cloud-pbx', CLOUD_PBX_WEBHOOK_SECRET: secret });
  });
  afterAll(() => t?.close());

  it('verifies the HMAC and ingests events idempotently', async () => {
    const ringing = {
      event: 'ringing',
      call_id: 'cp-1',
      timestamp: '2026-11-24T08:00:00Z',
      caller: '+37369111222',
      called: '1000',
      direction: 'inbound',
      extensions: ['101'],
    };
    expect((await send(ringing, 'deadbeef')).status).toBe(401);
    const ok = await send(ringing);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ accepted: 1 });
    expect((await send(ringing)).status).toBe(200); // a retried webhook
    const missed = {
      ...ringing,
      event: 'missed',
      timestamp: '2026-11-24T08:00:20Z',
      outcome: 'abandoned',
      wait_seconds: 20,
    };
    expect((await send(missed)).status).toBe(200);
    const rows = await t.db.select().from(calls).where(eq(calls.providerCallId, 'cp-1'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pbx: 'cloud-pbx', status: 'abandoned', waitSeconds: 20, fromE164: '+37369111222' });
    // Twilio routes do not exist on a cloud-PBX installation.
    expect((await t.http('POST', '/api/telephony/twilio/status', { body: {} })).status).toBe(404);
  });
});
