import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { TelephonyWebhookRejectedError, type NormalizedCallEvent } from '../src/telephony-adapter.js';
import { parseTwilioRecordingCallback } from '../src/twilio-voice/twilio-recording-callback.js';
import { verifyTwilioSignature } from '../src/twilio-voice/twilio-signature.js';
import { parseTwilioCallStatusCallback } from '../src/twilio-voice/twilio-status-callback.js';
import {
  buildAfterHoursTwiml,
  buildDialFallbackTwiml,
  buildInboundCallTwiml,
  buildOutboundBridgeTwiml,
} from '../src/twilio-voice/twilio-twiml.js';
import { TwilioVoiceAdapter } from '../src/twilio-voice/twilio-voice-adapter.js';

const authToken = '12345678901234567890123456789012';
const accountSid = 'AC0123456789abcdef0123456789abcdef';
const statusUrl = 'https://crm.example.com/telephony/twilio/status';
const xmlHead = '<?xml version="1.0" encoding="UTF-8"?>';

/** The call status callback as Twilio documents it (completed inbound call). */
const completedStatusCallback = {
  AccountSid: accountSid,
  ApiVersion: '2010-04-01',
  CallSid: 'CA7bd2b9e3f2a44e5f8e2b4e5a8c2f6a11',
  CallStatus: 'completed',
  Called: '+37322000000',
  Caller: '+37369123456',
  Direction: 'inbound',
  From: '+37369123456',
  To: '+37322000000',
  CallDuration: '42',
  Timestamp: 'Sun, 22 Nov 2026 17:56:17 +0000',
  SequenceNumber: '3',
  CallbackSource: 'call-progress-events',
};

/** The recording status callback as Twilio documents it. */
const recordingCallback = {
  AccountSid: accountSid,
  CallSid: completedStatusCallback.CallSid,
  RecordingSid: 'RE557ce644e5ab84fa21cc21112e22c485',
  RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/RE557ce644e5ab84fa21cc21112e22c485`,
  RecordingStatus: 'completed',
  RecordingDuration: '41',
  RecordingChannels: '2',
  RecordingStartTime: 'Sun, 22 Nov 2026 17:55:36 +0000',
  RecordingSource: 'DialVerb',
  RecordingTrack: 'both',
};

describe('Twilio signature check', () => {
  const params = { CallSid: 'CA1', CallStatus: 'ringing', From: '+37369123456' };

  it('accepts the signature Twilio computes', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, statusUrl, params);
    expect(verifyTwilioSignature(authToken, statusUrl, params, signature)).toBe(true);
  });

  it('rejects a forged body, a wrong token, another URL and a missing header', () => {
    const signature = twilio.getExpectedTwilioSignature(authToken, statusUrl, params);
    expect(verifyTwilioSignature(authToken, statusUrl, { ...params, From: '+10000000000' }, signature)).toBe(false);
    expect(verifyTwilioSignature('x'.repeat(32), statusUrl, params, signature)).toBe(false);
    expect(verifyTwilioSignature(authToken, `${statusUrl}?x=1`, params, signature)).toBe(false);
    expect(verifyTwilioSignature(authToken, statusUrl, params, undefined)).toBe(false);
  });
});

describe('TwiML builders', () => {
  it('inbound call: dial the SIP extension, record both legs from answer, fall back via the Dial action', () => {
    const twiml = buildInboundCallTwiml({
      target: { kind: 'sip', uri: 'sip:101@pbx.example.com' },
      dialActionUrl: 'https://crm.example.com/telephony/twilio/dial-ended',
      recordingStatusCallbackUrl: 'https://crm.example.com/telephony/twilio/recording',
    });
    expect(twiml).toBe(
      `${xmlHead}<Response><Dial action="https://crm.example.com/telephony/twilio/dial-ended" method="POST" timeout="20" ` +
        'record="record-from-answer-dual" recordingStatusCallback="https://crm.example.com/telephony/twilio/recording" ' +
        'recordingStatusCallbackEvent="completed"><Sip>sip:101@pbx.example.com</Sip></Dial></Response>',
    );
  });

  it('inbound call to a Twilio Client identity with a caller id and ring timeout', () => {
    const twiml = buildInboundCallTwiml({
      target: { kind: 'client', identity: 'agent-101' },
      dialActionUrl: 'https://crm/dial-ended',
      recordingStatusCallbackUrl: 'https://crm/rec',
      ringTimeoutSeconds: 15,
      callerId: '+37322000000',
    });
    expect(twiml).toBe(
      `${xmlHead}<Response><Dial action="https://crm/dial-ended" method="POST" timeout="15" callerId="+37322000000" ` +
        'record="record-from-answer-dual" recordingStatusCallback="https://crm/rec" recordingStatusCallbackEvent="completed">' +
        '<Client>agent-101</Client></Dial></Response>',
    );
  });

  it('dial fallback: queue or voicemail when nobody answered, hang up after an answered call', () => {
    const queue = { kind: 'queue', queueName: 'support' } as const;
    const voicemail = {
      kind: 'voicemail',
      prompt: 'Please leave a message.',
      recordingStatusCallbackUrl: 'https://crm/rec',
    } as const;
    expect(buildDialFallbackTwiml('no-answer', queue)).toBe(
      `${xmlHead}<Response><Enqueue>support</Enqueue></Response>`,
    );
    expect(buildDialFallbackTwiml('completed', queue)).toBe(`${xmlHead}<Response><Hangup/></Response>`);
    expect(buildDialFallbackTwiml('busy', voicemail)).toBe(
      `${xmlHead}<Response><Say>Please leave a message.</Say><Record maxLength="120" playBeep="true" ` +
        'recordingStatusCallback="https://crm/rec" recordingStatusCallbackEvent="completed"/><Hangup/></Response>',
    );
  });

  it('out of hours: message then voicemail', () => {
    const twiml = buildAfterHoursTwiml({
      message: 'We are closed. Leave a message after the beep.',
      recordingStatusCallbackUrl: 'https://crm/rec',
      maxLengthSeconds: 90,
      language: 'en-GB',
    });
    expect(twiml).toBe(
      `${xmlHead}<Response><Say language="en-GB">We are closed. Leave a message after the beep.</Say>` +
        '<Record maxLength="90" playBeep="true" recordingStatusCallback="https://crm/rec" recordingStatusCallbackEvent="completed"/>' +
        '<Hangup/></Response>',
    );
  });

  it('click-to-call bridge: dial the customer, recorded', () => {
    expect(
      buildOutboundBridgeTwiml({
        to: '+37369123456',
        callerId: '+37322000000',
        recordingStatusCallbackUrl: 'https://crm/rec',
      }),
    ).toBe(
      `${xmlHead}<Response><Dial callerId="+37322000000" record="record-from-answer-dual" recordingStatusCallback="https://crm/rec" ` +
        'recordingStatusCallbackEvent="completed"><Number>+37369123456</Number></Dial></Response>',
    );
  });
});

describe('Twilio callback parsers', () => {
  it('maps a completed inbound status callback to ended', () => {
    expect(parseTwilioCallStatusCallback(completedStatusCallback)).toEqual({
      kind: 'ended',
      pbx: 'twilio',
      callId: 'CA7bd2b9e3f2a44e5f8e2b4e5a8c2f6a11',
      at: new Date('2026-11-22T17:56:17Z'),
      from: '+37369123456',
      did: '+37322000000',
      direction: 'inbound',
      outcome: 'answered',
      talkSeconds: 42,
      raw: completedStatusCallback,
    });
  });

  it.each([
    ['ringing', 'ringing', undefined],
    ['in-progress', 'answered', undefined],
    ['busy', 'missed', 'busy'],
    ['no-answer', 'missed', 'missed'],
    ['canceled', 'missed', 'abandoned'],
    ['failed', 'missed', 'failed'],
  ])('CallStatus %s → %s (%s)', (callStatus, kind, outcome) => {
    const event = parseTwilioCallStatusCallback({
      ...completedStatusCallback,
      CallStatus: callStatus,
      CallDuration: undefined,
    });
    expect(event?.kind).toBe(kind);
    expect(event?.outcome).toBe(outcome);
  });

  it('ignores queued/initiated and treats outbound-api as outbound to the dialled number', () => {
    expect(parseTwilioCallStatusCallback({ ...completedStatusCallback, CallStatus: 'queued' })).toBeUndefined();
    const outbound = parseTwilioCallStatusCallback({
      ...completedStatusCallback,
      Direction: 'outbound-api',
      From: '+37322000000',
      To: '+37369123456',
    });
    expect(outbound).toMatchObject({ direction: 'outbound', from: '+37322000000', to: '+37369123456' });
    expect(outbound?.did).toBeUndefined();
  });

  it('maps a completed recording callback to recording-ready with the URL and duration', () => {
    const known = { from: '+37369123456', did: '+37322000000', direction: 'inbound' } as const;
    expect(
      parseTwilioRecordingCallback(recordingCallback, known, { now: () => new Date('2026-11-22T17:56:18Z') }),
    ).toEqual({
      kind: 'recording-ready',
      pbx: 'twilio',
      callId: completedStatusCallback.CallSid,
      at: new Date('2026-11-22T17:56:18Z'),
      ...known,
      recording: { id: recordingCallback.RecordingSid, url: recordingCallback.RecordingUrl, durationSeconds: 41 },
      raw: recordingCallback,
    });
    expect(
      parseTwilioRecordingCallback({ ...recordingCallback, RecordingStatus: 'in-progress' }, known),
    ).toBeUndefined();
  });
});

describe('TwilioVoiceAdapter', () => {
  const servers: Array<{ close(): void }> = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  const adapterConfig = {
    accountSid,
    authToken,
    callerId: '+37322000000',
    agentAddressTemplate: 'sip:{extension}@crm.sip.twilio.com',
    originateTwimlUrl: 'https://crm.example.com/telephony/twilio/bridge',
    statusCallbackUrl: statusUrl,
  };

  const signed = (url: string, body: Record<string, string>) => ({
    headers: { 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(authToken, url, body) },
    rawBody: Buffer.from(new URLSearchParams(body).toString()),
    body,
    url,
  });

  it('verifies and emits status and recording callbacks; the recording carries the caller from the status', () => {
    const adapter = new TwilioVoiceAdapter(adapterConfig);
    const emitted: NormalizedCallEvent[] = [];
    adapter.onEvent((event) => emitted.push(event));

    adapter.handleWebhook(signed(statusUrl, completedStatusCallback));
    const [recording] = adapter.handleWebhook(
      signed('https://crm.example.com/telephony/twilio/recording', recordingCallback),
    );

    expect(emitted.map((event) => event.kind)).toEqual(['ended', 'recording-ready']);
    expect(recording).toMatchObject({ from: '+37369123456', did: '+37322000000', recording: { durationSeconds: 41 } });
  });

  it('rejects a forged webhook with a message saying what to check', () => {
    const adapter = new TwilioVoiceAdapter(adapterConfig);
    const request = {
      ...signed(statusUrl, completedStatusCallback),
      body: { ...completedStatusCallback, CallDuration: '4200' },
    };
    expect(() => adapter.handleWebhook(request)).toThrow(TelephonyWebhookRejectedError);
    expect(() => adapter.handleWebhook(request)).toThrow(/check the Twilio auth token/);
  });

  it('originates through the SDK calls.create against a local server speaking the REST API', async () => {
    const requests: Array<{
      method?: string;
      url?: string;
      authorization?: string;
      contentType?: string;
      body: string;
    }> = [];
    const server = createServer(async (request: IncomingMessage, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      requests.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      });
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ sid: 'CAfeedfacefeedfacefeedfacefeedface', account_sid: accountSid, status: 'queued' }),
      );
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const adapter = new TwilioVoiceAdapter({ ...adapterConfig, apiBaseUrl: `http://127.0.0.1:${port}` });

    const result = await adapter.originate({ fromExtension: '101', to: '+37369123456' });

    expect(result).toEqual({ callId: 'CAfeedfacefeedfacefeedfacefeedface' });
    expect(requests).toHaveLength(1);
    const [call] = requests;
    expect(call.method).toBe('POST');
    expect(call.url).toBe(`/2010-04-01/Accounts/${accountSid}/Calls.json`);
    expect(call.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`);
    expect(call.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    // The order is the SDK's own serialisation order.
    expect([...new URLSearchParams(call.body)]).toEqual([
      ['To', 'sip:101@crm.sip.twilio.com'],
      ['From', '+37322000000'],
      ['StatusCallback', statusUrl],
      ['StatusCallbackEvent', 'initiated'],
      ['StatusCallbackEvent', 'ringing'],
      ['StatusCallbackEvent', 'answered'],
      ['StatusCallbackEvent', 'completed'],
      ['Url', 'https://crm.example.com/telephony/twilio/bridge?to=%2B37369123456'],
    ]);
  });
});
