import { usesPhoneAddress } from './consent-policy.js';

/** Where a message to this contact goes on an account's channel: e-mail address, phone (E.164) or messenger id. */
export function addressOn(
  accountChannel: string,
  contact: { email?: string | null; phone?: string | null; identity?: string | null },
): string | undefined {
  if (accountChannel === 'email') return contact.email?.trim().toLowerCase() || undefined;
  if (usesPhoneAddress(accountChannel)) return contact.phone ?? undefined;
  return contact.identity ?? undefined;
}
