export { priceFor, type SmsPricing, type SmsProvider } from './sms-provider.js';
export { HttpSmsProvider, type HttpSmsProviderConfig } from './http-sms-provider.js';
export { TwilioSmsProvider, type TwilioSmsProviderConfig } from './twilio-sms-provider.js';
export {
  SmsRouterChannelAdapter,
  createSmsProvider,
  providerCallbackUrl,
  SMS_ROUTER_PROVIDER_QUERY,
  type SmsAttempt,
  type SmsProviderConfig,
  type SmsRouterConfig,
} from './sms-router-channel-adapter.js';
export type { HttpSmsStatusCallbackConfig } from './http-sms-status-callback.js';
