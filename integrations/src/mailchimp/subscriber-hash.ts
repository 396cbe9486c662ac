import { createHash } from 'node:crypto';

/** Mailchimp's member id: MD5 of the lower-cased e-mail address. */
export function subscriberHash(email: string): string {
  return createHash('md5').update(email.trim().toLowerCase()).digest('hex');
}
