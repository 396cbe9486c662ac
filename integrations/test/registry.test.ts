import { describe, expect, it } from 'vitest';
import {
  createChannelAdapter,
  EmailChannelAdapter,
  isChannelProviderName,
  MetaMessagingChannelAdapter,
  TelegramChannelAdapter,
  TwilioChannelAdapter,
  ViberBusinessChannelAdapter,
  ViberChannelAdapter,
  type ChannelProviderName,
} from '../src/index.js';

describe('createChannelAdapter', () => {
  it('builds each provider from its config', () => {
    const telegram = createChannelAdapter('telegram', { botToken: '1:x', webhookSecretToken: 's' });
    expect(telegram).toBeInstanceOf(TelegramChannelAdapter);
    expect(telegram.channel).toBe('telegram');

    const whatsapp = createChannelAdapter('twilio', {
      accountSid: 'AC1',
      authToken: 't',
      channel: 'whatsapp',
      fromNumber: '+14155238886',
    });
    expect(whatsapp).toBeInstanceOf(TwilioChannelAdapter);
    expect(whatsapp.channel).toBe('whatsapp');

    const instagram = createChannelAdapter('meta', {
      channel: 'instagram',
      appSecret: 'a',
      verifyToken: 'v',
      pageAccessToken: 'p',
    });
    expect(instagram).toBeInstanceOf(MetaMessagingChannelAdapter);
    expect(instagram.channel).toBe('instagram');

    expect(createChannelAdapter('viber', { authToken: 't', senderName: 'Consult' })).toBeInstanceOf(
      ViberChannelAdapter,
    );

    const email = createChannelAdapter('email', {
      fromAddress: 'office@consult.example',
      messageIdDomain: 'crm.consult.example',
      smtp: { host: '127.0.0.1', port: 25, secure: false },
    });
    expect(email).toBeInstanceOf(EmailChannelAdapter);
    expect(email.channel).toBe('email');
    (email as EmailChannelAdapter).close();

    const business = createChannelAdapter('viber-business', {
      sendUrl: 'https://vendor.example/send',
      authHeader: { name: 'Authorization', value: 'x' },
      bodyTemplate: {},
      responseMessageIdPath: 'id',
      statusCallback: {
        auth: { kind: 'shared-secret', header: 'x', secret: 'y' },
        messageIdPath: 'id',
        statusPath: 's',
        statusMap: {},
      },
    });
    expect(business).toBeInstanceOf(ViberBusinessChannelAdapter);
    expect(business.channel).toBe('viber');
  });

  it('tells known provider names from unknown ones', () => {
    expect(isChannelProviderName('telegram')).toBe(true);
    expect(isChannelProviderName('viber-business')).toBe(true);
    expect(isChannelProviderName('toString')).toBe(false);
    expect(() => createChannelAdapter('carrier-pigeon' as ChannelProviderName, {} as never)).toThrow(
      'Unknown channel provider "carrier-pigeon"',
    );
  });
});
