import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CloudPbxAdapter } from '../src/cloud-pbx/cloud-pbx-adapter.js';
import type { CloudPbxConfig } from '../src/cloud-pbx/cloud-pbx-config.js';
import { signCloudPbxBody, verifyCloudPbxSignature } from '../src/cloud-pbx/cloud-pbx-signature.js';
import { TelephonyWebhookRejectedError, type NormalizedCallEvent } from '../src/telephony-adapter.js';

/** Provider A: one flat event per POST, Unix-seconds time, base64 signature in `Signature`. */
const flatProvider: CloudPbxConfig = {
  name: 'flat-pbx',
  signature: { header: 'Signature', secret: 'flat-secret', encoding: 'base64' },
  fields: {
    kind: 'event',
    callId: 'pbx_call_id',
    at: 'call_start',
    from: 'caller_id',
    did: 'called_did',
    agentExtension: 'internal',
    talkSeconds: 'duration',
    outcome: 'disposition',
    recordingUrl: 'record_url',
    recordingId: 'call_id_with_rec',
  },
  kindValues: {
    NOTIFY_START: 'ringing',
    NOTIFY_ANSWER: 'answered',
    NOTIFY_END: 'ended',
    NOTIFY_RECORD: 'recording-ready',
  },
  outcomeValues: { answered: 'answered', busy: 'busy', cancel: 'abandoned', 'no answer': 'missed', failed: 'failed' },
};

/** Provider B: batched nested events, ISO time, `sha256=<hex>` in X-Webhook-Signature. */
const nestedProvider: CloudPbxConfig = {
  name: 'nested-pbx',
  signature: { header: 'X-Webhook-Signature', secret: 'nested-secret', prefix: 'sha256=' },
  eventsPath: 'data',
  fields: {
    kind: 'eventType',
    callId: 'call.uuid',
    at: 'occurredAt',
    from: 'call.caller.number',
    did: 'call.callee.did',
    direction: 'call.direction',
    agentExtensions: 'call.ringing',
    agentExtension: 'call.agent.extension',
    queue: 'call.queue.name',
    waitSeconds: 'call.durations.wait',
    talkSeconds: 'call.durations.talk',
    outcome: 'call.result',
    recordingUrl: 'call.recordings[0].url',
    recordingDurationSeconds: 'call.recordings[0].length',
  },
  kindValues: {
    'call.ringing': 'ringing',
    'call.answered': 'answered',
    'call.hangup': 'ended',
    'call.recording': 'recording-ready',
  },
  outcomeValues: { completed: 'answered', abandoned: 'abandoned', voicemail: 'voicemail' },
  directionValues: { in: 'inbound', out: 'outbound', local: 'internal' },
};

function signedRequest(config: CloudPbxConfig, payload: unknown) {
  const rawBody = Buffer.from(JSON.stringify(payload));
  return {
    headers: { [config.signature.header.toLowerCase()]: signCloudPbxBody(rawBody, config.signature) },
    rawBody,
    body: payload,
    url: 'https://crm.example.com/telephony/cloud-pbx',
  };
}

describe('cloud PBX signature', () => {
  const rawBody = Buffer.from('{"event":"NOTIFY_START"}');

  it('accepts its own HMAC-SHA256 in hex with prefix and in base64', () => {
    expect(
      verifyCloudPbxSignature(rawBody, signCloudPbxBody(rawBody, nestedProvider.signature), nestedProvider.signature),
    ).toBe(true);
    expect(
      verifyCloudPbxSignature(rawBody, signCloudPbxBody(rawBody, flatProvider.signature), flatProvider.signature),
    ).toBe(true);
    expect(signCloudPbxBody(rawBody, nestedProvider.signature)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('rejects another body, another secret, a truncated digest, a missing prefix and no header', () => {
    const header = signCloudPbxBody(rawBody, nestedProvider.signature);
    expect(verifyCloudPbxSignature(Buffer.from('{"event":"NOTIFY_END"}'), header, nestedProvider.signature)).toBe(
      false,
    );
    expect(verifyCloudPbxSignature(rawBody, header, { ...nestedProvider.signature, secret: 'other' })).toBe(false);
    expect(verifyCloudPbxSignature(rawBody, header.slice(0, -2), nestedProvider.signature)).toBe(false);
    expect(verifyCloudPbxSignature(rawBody, header.replace('sha256=', ''), nestedProvider.signature)).toBe(false);
    expect(verifyCloudPbxSignature(rawBody, undefined, nestedProvider.signature)).toBe(false);
  });
});

describe('CloudPbxAdapter with a flat, one-event-per-POST provider', () => {
  const adapter = new CloudPbxAdapter(flatProvider);
  const base = {
    pbx: 'flat-pbx',
    callId: 'out_2f6c1',
    from: '+37369123456',
    did: '+37322000000',
    direction: 'inbound',
  };

  it('maps start, end and record notifications', () => {
    const start = {
      event: 'NOTIFY_START',
      pbx_call_id: 'out_2f6c1',
      call_start: 1795370170,
      caller_id: '+37369123456',
      called_did: '+37322000000',
    };
    const end = {
      ...start,
      event: 'NOTIFY_END',
      internal: 101,
      duration: 6,
      disposition: 'answered',
      call_start: '1795370177',
    };
    const record = {
      event: 'NOTIFY_RECORD',
      pbx_call_id: 'out_2f6c1',
      call_id_with_rec: '1795370170.0',
      record_url: 'https://pbx.example.com/rec/1.mp3',
      call_start: 1795370178000,
    };

    const events = [start, end, record].flatMap((payload) =>
      adapter.handleWebhook(signedRequest(flatProvider, payload)),
    );

    expect(events).toEqual([
      { ...base, kind: 'ringing', at: new Date(1795370170_000), raw: start },
      {
        ...base,
        kind: 'ended',
        at: new Date(1795370177_000),
        agentExtension: '101',
        talkSeconds: 6,
        outcome: 'answered',
        raw: end,
      },
      {
        pbx: 'flat-pbx',
        callId: 'out_2f6c1',
        from: '',
        direction: 'inbound',
        kind: 'recording-ready',
        at: new Date(1795370178_000),
        recording: { id: '1795370170.0', url: 'https://pbx.example.com/rec/1.mp3' },
        raw: record,
      },
    ]);
  });

  it('reports an end nobody answered as missed with the mapped outcome', () => {
    const end = {
      event: 'NOTIFY_END',
      pbx_call_id: 'c2',
      caller_id: '+37369000222',
      disposition: 'cancel',
      duration: 0,
    };
    const [event] = adapter.handleWebhook(signedRequest(flatProvider, end));
    expect(event).toMatchObject({ kind: 'missed', outcome: 'abandoned', talkSeconds: 0 });
  });

  it('ignores event types it has no mapping for', () => {
    expect(adapter.handleWebhook(signedRequest(flatProvider, { event: 'NOTIFY_IVR', pbx_call_id: 'c3' }))).toEqual([]);
  });

  it('rejects a body that does not match its signature', () => {
    const request = signedRequest(flatProvider, { event: 'NOTIFY_START', pbx_call_id: 'c4' });
    request.rawBody = Buffer.from(JSON.stringify({ event: 'NOTIFY_START', pbx_call_id: 'forged' }));
    expect(() => adapter.handleWebhook(request)).toThrow(TelephonyWebhookRejectedError);
    expect(() => adapter.handleWebhook(request)).toThrow(
      'Signature does not match the body: check the webhook secret configured for flat-pbx.',
    );
  });
});

describe('CloudPbxAdapter with a nested, batched provider', () => {
  it('maps every event of a batch through JSON paths and value maps', () => {
    const adapter = new CloudPbxAdapter(nestedProvider);
    const emitted: NormalizedCallEvent[] = [];
    adapter.onEvent((event) => emitted.push(event));
    const call = {
      uuid: 'c-77',
      caller: { number: '+37369000222' },
      callee: { did: '+37322000001' },
      direction: 'in',
      queue: { name: 'support' },
    };
    const ringing = {
      eventType: 'call.ringing',
      occurredAt: '2026-11-22T17:56:23Z',
      call: { ...call, ringing: ['101', '102'] },
    };
    const hangup = {
      eventType: 'call.hangup',
      occurredAt: '2026-11-22T17:56:35Z',
      call: { ...call, result: 'abandoned', durations: { wait: 12, talk: 0 } },
    };
    const recording = {
      eventType: 'call.recording',
      occurredAt: '2026-11-22T17:56:36Z',
      call: { ...call, recordings: [{ url: 'https://pbx/rec/c-77.wav', length: 12 }] },
    };
    const payload = { type: 'call.events', data: [ringing, { eventType: 'call.transcript', call }, hangup, recording] };

    const events = adapter.handleWebhook(signedRequest(nestedProvider, payload));

    const base = {
      pbx: 'nested-pbx',
      callId: 'c-77',
      from: '+37369000222',
      did: '+37322000001',
      direction: 'inbound',
      queue: 'support',
    };
    expect(events).toEqual([
      { ...base, kind: 'ringing', at: new Date('2026-11-22T17:56:23Z'), agentExtensions: ['101', '102'], raw: ringing },
      {
        ...base,
        kind: 'missed',
        at: new Date('2026-11-22T17:56:35Z'),
        waitSeconds: 12,
        talkSeconds: 0,
        outcome: 'abandoned',
        raw: hangup,
      },
      {
        ...base,
        kind: 'recording-ready',
        at: new Date('2026-11-22T17:56:36Z'),
        recording: { url: 'https://pbx/rec/c-77.wav', durationSeconds: 12 },
        raw: recording,
      },
    ]);
    expect(emitted).toEqual(events);
  });
});

describe('CloudPbxAdapter originate', () => {
  const servers: Array<{ close(): void }> = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('posts the request to the configured click-to-call URL and reads the call id', async () => {
    const received: Array<{ url?: string; authorization?: string; body: unknown }> = [];
    const server = createServer(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      received.push({ url: request.url, authorization: request.headers.authorization, body: JSON.parse(body) });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: 'success', result: { call_id: 'cb-42' } }));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const adapter = new CloudPbxAdapter({
      ...nestedProvider,
      originate: {
        url: `http://127.0.0.1:${port}/v1/callback`,
        headers: { authorization: 'Bearer key' },
        callIdPath: 'result.call_id',
      },
    });

    await expect(adapter.originate({ fromExtension: '101', to: '+37369123456' })).resolves.toEqual({ callId: 'cb-42' });
    expect(received).toEqual([
      { url: '/v1/callback', authorization: 'Bearer key', body: { fromExtension: '101', to: '+37369123456' } },
    ]);
  });

  it('explains what to configure when there is no click-to-call URL', async () => {
    await expect(new CloudPbxAdapter(flatProvider).originate({ fromExtension: '101', to: '1' })).rejects.toThrow(
      'flat-pbx has no click-to-call URL configured: set originate.url in its telephony config.',
    );
  });
});
