import { describe, expect, it } from 'vitest';
import {
  AsteriskAmiAdapter,
  CloudPbxAdapter,
  createTelephonyAdapter,
  telephonyAdapterNames,
  TwilioVoiceAdapter,
  type TelephonyAdapterConfig,
} from '@consult-crm/telephony';

describe('createTelephonyAdapter (imported by package name, as the backend will)', () => {
  it('lists the registered adapters', () => {
    expect(telephonyAdapterNames).toEqual(['asterisk', 'twilio', 'cloud-pbx']);
  });

  it('creates each adapter from its config', () => {
    const asterisk = createTelephonyAdapter({
      adapter: 'asterisk',
      host: '127.0.0.1',
      port: 5038,
      username: 'crm',
      secret: 's',
    });
    const twilio = createTelephonyAdapter({
      adapter: 'twilio',
      accountSid: 'AC0123456789abcdef0123456789abcdef',
      authToken: 'token',
      callerId: '+37322000000',
      agentAddressTemplate: 'client:{extension}',
      originateTwimlUrl: 'https://crm.example.com/telephony/twilio/bridge',
    });
    const cloud = createTelephonyAdapter({
      adapter: 'cloud-pbx',
      name: 'acme-pbx',
      signature: { header: 'X-Signature', secret: 's' },
      fields: { kind: 'event', callId: 'id', from: 'from' },
      kindValues: { start: 'ringing' },
    });
    expect(asterisk).toBeInstanceOf(AsteriskAmiAdapter);
    expect(twilio).toBeInstanceOf(TwilioVoiceAdapter);
    expect(cloud).toBeInstanceOf(CloudPbxAdapter);
    expect([asterisk.name, twilio.name, cloud.name]).toEqual(['asterisk', 'twilio', 'acme-pbx']);
    expect(asterisk.onAgentStatus).toBeTypeOf('function');
    expect(cloud.handleWebhook).toBeTypeOf('function');
  });

  it('names the valid adapters when the configured one is unknown', () => {
    expect(() => createTelephonyAdapter({ adapter: 'freeswitch' } as unknown as TelephonyAdapterConfig)).toThrow(
      'Unknown telephony adapter "freeswitch": use one of asterisk, twilio, cloud-pbx.',
    );
  });
});
