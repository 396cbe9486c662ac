import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannelAdapter } from '../src/registry.js';
import { HttpSmsProvider, SmsRouterChannelAdapter, priceFor, type SmsProviderConfig } from '../src/sms/index.js';
import {
  basicAuth,
  formOf,
  startRecordingHttpServer,
  type RecordingHttpServer,
} from './support/recording-http-server.js';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = '12345678901234567890123456789012';

describe('SMS router: Twilio and a generic HTTP provider chosen by price', () => {
  let api: RecordingHttpServer;
  let failHttp = false;
  let failTwilio = false;

  beforeEach(async () => {
    failHttp = false;
    failTwilio = false;
    api = await startRecordingHttpServer((req) => {
      if (req.pathname === '/sms/send') {
        if (failHttp) return { status: 503, body: { error: 'maintenance' } };
        return { status: 200, body: { result: { messages: [{ id: 'gw-8812' }] } } };
      }
      if (req.pathname.endsWith('/Messages.json')) {
        if (failTwilio)
          return {
            status: 400,
            body: { code: 21211, message: "The 'To' number is not a valid phone number.", status: 400 },
          };
        return {
          status: 201,
          body: { sid: 'SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f', account_sid: ACCOUNT_SID, status: 'queued' },
        };
      }
      return { status: 404, body: {} };
    });
  });
  afterEach(async () => {
    await api.close();
  });

  function providers(): SmsProviderConfig[] {
    return [
      {
        kind: 'twilio',
        name: 'twilio',
        pricing: { default: 0.079 },
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        fromNumber: '+37322000100',
        apiBaseUrl: api.baseUrl,
      },
      {
        kind: 'http',
        name: 'local-gateway',
        pricing: { default: null, byPrefix: { '+373': 0.021 } },
        url: `${api.baseUrl}/sms/send?channel=sms`,
        auth: { kind: 'bearer', token: 'gw-token-123' },
        from: 'CONSULT',
        bodyTemplate: {
          sender: '{{from}}',
          destination: '{{toDigits}}',
          message: '{{text}}',
          ref: '{{messageRef}}',
          priority: '{{priority}}',
        },
        templateValues: { priority: 2 },
        responseMessageIdPath: 'result.messages.0.id',
      },
    ];
  }

  it('prices by the longest matching prefix; null means the provider does not serve the number', () => {
    expect(priceFor({ default: 0.08, byPrefix: { '+373': 0.03, '+3736': 0.02 } }, '+37369123456')).toBe(0.02);
    expect(priceFor({ default: 0.08, byPrefix: { '+373': 0.03 } }, '+40712345678')).toBe(0.08);
    expect(priceFor({ default: 0.08, byPrefix: { '+7': null } }, '+79001234567')).toBeUndefined();
    const router = new SmsRouterChannelAdapter(providers());
    expect(router.route('+37369123456').map((p) => p.name)).toEqual(['local-gateway', 'twilio']);
    expect(router.route('+40712345678').map((p) => p.name)).toEqual(['twilio']);
  });

  it('sends through the cheapest provider with the documented request shape', async () => {
    const router = createChannelAdapter('sms-router', { providers: providers() });
    const sent = await router.send({ to: '+37369123456', text: 'Bună ziua, Ion!' });
    expect(sent.providerMessageId).toBe('local-gateway:gw-8812');
    expect(api.requests).toHaveLength(1);
    const [req] = api.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/sms/send?channel=sms');
    expect(req.headers.authorization).toBe('Bearer gw-token-123');
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body.toString('utf8'));
    expect(body).toEqual({
      sender: 'CONSULT',
      destination: '37369123456',
      message: 'Bună ziua, Ion!',
      ref: expect.stringMatching(/^[0-9a-f-]{36}$/),
      priority: 2,
    });
  });

  it('falls back to the next provider (Twilio SDK) when the cheapest fails, and reports every failure', async () => {
    failHttp = true;
    const router = new SmsRouterChannelAdapter(providers());
    const sent = await router.send({ to: '+37369123456', text: 'Reminder' });
    expect(sent.providerMessageId).toBe('twilio:SM0d5f2c9e8b7a4c3d2e1f0a9b8c7d6e5f');
    expect(api.requests.map((r) => r.pathname)).toEqual([
      '/sms/send',
      `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
    ]);
    const twilio = api.requests[1];
    expect(twilio.headers.authorization).toBe(basicAuth(ACCOUNT_SID, AUTH_TOKEN));
    expect(formOf(twilio)).toEqual({ To: '+37369123456', From: '+37322000100', Body: 'Reminder' });

    failTwilio = true;
    await expect(router.send({ to: '+37369123456', text: 'Reminder' })).rejects.toThrow(
      /Every SMS provider failed: local-gateway: .*HTTP 503.*; twilio: /,
    );
    await expect(
      new SmsRouterChannelAdapter([{ ...providers()[1] } as SmsProviderConfig]).send({ to: '+40712345678', text: 'x' }),
    ).rejects.toThrow('No SMS provider serves +40712345678');
  });

  it('generic provider: form bodies, basic auth and a custom header; a 2xx without the id is a failure', async () => {
    const form = new HttpSmsProvider({
      name: 'form-gw',
      pricing: { default: 0.01 },
      url: `${api.baseUrl}/sms/send`,
      bodyFormat: 'form',
      auth: { kind: 'basic', username: 'centre', password: 's3cret' },
      bodyTemplate: { to: '{{to}}', text: '{{text}}' },
      responseMessageIdPath: 'result.messages.0.id',
    });
    expect(await form.send('+37369123456', 'Salut')).toEqual({ providerMessageId: 'gw-8812' });
    expect(api.requests[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(api.requests[0].headers.authorization).toBe(basicAuth('centre', 's3cret'));
    expect(formOf(api.requests[0])).toEqual({ to: '+37369123456', text: 'Salut' });
    const header = new HttpSmsProvider({
      name: 'h',
      pricing: { default: 0.01 },
      url: `${api.baseUrl}/sms/send`,
      auth: { kind: 'header', header: 'X-Api-Key', secret: 'k-1' },
      bodyTemplate: { to: '{{to}}' },
      responseMessageIdPath: 'missing.id',
    });
    await expect(header.send('+37369123456', 'x')).rejects.toThrow('answered without missing.id');
    expect(api.requests[1].headers['x-api-key']).toBe('k-1');
  });
});
