export type TwilioVoiceConfig = {
  /** Name in NormalizedCallEvent.pbx; default 'twilio'. */
  pbxName?: string;
  accountSid: string;
  authToken: string;
  /** Number shown to the customer on originated calls (E.164, a Twilio number). */
  callerId: string;
  /** Address of an agent's phone; `{extension}` is replaced, e.g. 'sip:{extension}@crm.sip.twilio.com' or 'client:{extension}'. */
  agentAddressTemplate: string;
  /** TwiML URL Twilio fetches when the agent answers an originated call; gets `?to=<number>` (answer with buildOutboundBridgeTwiml). */
  originateTwimlUrl: string;
  /** Where Twilio posts call status callbacks (webhook route of this adapter). */
  statusCallbackUrl?: string;
  /** Send REST calls here instead of https://api.twilio.com (tests, egress proxy). */
  apiBaseUrl?: string;
};
