import type { ContactConsent } from '../contacts/contacts.schema.js';
import type { TemplateChannel } from '../message-templates/message-templates.schema.js';

/** Which consent flag covers a channel account's channel. */
export function consentKeyOf(accountChannel: string): 'email' | 'sms' | 'messengers' {
  if (accountChannel === 'email') return 'email';
  if (accountChannel === 'sms') return 'sms';
  return 'messengers';
}

/** The template channel an account sends: e-mail, SMS, or messenger text for every chat channel. */
export function templateChannelOf(accountChannel: string): TemplateChannel {
  if (accountChannel === 'email') return 'email';
  if (accountChannel === 'sms') return 'sms';
  return 'messenger';
}

/**
 * A contact has opted out when the channel's flag is explicitly false; campaigns (marketing) also respect
 * `marketing: false`. A flag never recorded is not an opt-out.
 */
export function hasOptedOut(
  consent: ContactConsent | null | undefined,
  accountChannel: string,
  marketing: boolean,
): boolean {
  if (!consent) return false;
  if (consent[consentKeyOf(accountChannel)] === false) return true;
  return marketing && consent.marketing === false;
}

/** Channels whose address is the contact's phone number rather than a messenger identity. */
export function usesPhoneAddress(accountChannel: string): boolean {
  return accountChannel === 'sms' || accountChannel === 'whatsapp';
}
