export type TwilioConfig = {
  accountSid: string;
  authToken: string;
  /** 'sms' or 'whatsapp': decides the `whatsapp:` address prefix on outbound messages. */
  channel: 'sms' | 'whatsapp';
  /** Sender number in E.164 (without the whatsapp: prefix); or use messagingServiceSid. */
  fromNumber?: string;
  messagingServiceSid?: string;
  /** Public URL Twilio POSTs delivery status callbacks to. */
  statusCallbackUrl?: string;
  /** Replaces the origin of https://api.twilio.com (path kept) — for tests or a proxy. */
  apiBaseUrl?: string;
};
