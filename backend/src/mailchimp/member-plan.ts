import { createHash } from 'node:crypto';
import { subscriberHash } from '@consult-crm/integrations';
import type { ContactForAudience } from './mailchimp.repository.js';
import type { MailchimpAudienceRow, MailchimpMemberRow } from './mailchimp.schema.js';

/** What one sync sends for one contact. */
export type MemberPlan = {
  contactId: string;
  email: string;
  subscriberHash: string;
  mergeFields: { FNAME: string; LNAME: string; PHONE: string };
  language: string;
  /** Only for members Mailchimp does not know yet; an existing member's status is never raised to subscribed. */
  statusIfNew: 'subscribed' | 'unsubscribed';
  /** Set only to unsubscribe a member whose consent was withdrawn. */
  status?: 'unsubscribed';
  tags: string[];
  removeTags: string[];
  contentHash: string;
  /** The contact lost its e-mail (erased, merged away, address removed): archive the member. */
  archive?: true;
};

/** Mailchimp accepts tag names up to 100 characters. */
const tag = (prefix: string, name: string) => `${prefix}:${name}`.slice(0, 100);

export function consentOf(contact: Pick<ContactForAudience, 'consent'>): 'given' | 'withdrawn' | 'unknown' {
  if (contact.consent.email === false || contact.consent.marketing === false) return 'withdrawn';
  return contact.consent.email === true ? 'given' : 'unknown';
}

/** Statuses of a contact Mailchimp has a member record for. */
const KNOWN_TO_MAILCHIMP = ['subscribed', 'unsubscribed', 'pending', 'cleaned', 'transactional'];

/**
 * The member a contact should be, or null when nothing needs sending: no e-mail, no consent and not yet a member
 * (never created without consent), or unchanged since the last sync (same content hash).
 */
export function planMember(
  contact: ContactForAudience,
  segmentNames: string[],
  audience: Pick<MailchimpAudienceRow, 'tagStages' | 'tagInstruments'>,
  existing: MailchimpMemberRow | undefined,
): MemberPlan | null {
  if (!contact.email) {
    if (!existing || !KNOWN_TO_MAILCHIMP.includes(existing.status)) return null;
    return {
      contactId: contact.contactId,
      email: existing.email,
      subscriberHash: existing.subscriberHash,
      mergeFields: { FNAME: '', LNAME: '', PHONE: '' },
      language: contact.language,
      statusIfNew: 'unsubscribed',
      tags: [],
      removeTags: [],
      contentHash: 'archived',
      archive: true,
    };
  }
  const email = contact.email.trim();
  const known =
    !!existing && existing.email.toLowerCase() === email.toLowerCase() && KNOWN_TO_MAILCHIMP.includes(existing.status);
  const consent = consentOf(contact);
  if (consent !== 'given' && !known) return null;
  if (consent === 'withdrawn' && existing?.status === 'unsubscribed' && existing.contentHash) return null;
  const tags = [
    ...(audience.tagStages ? contact.stageNames.map((n) => tag('stage', n)) : []),
    ...(audience.tagInstruments ? contact.instruments.map((c) => tag('instrument', c)) : []),
    ...segmentNames.map((n) => tag('segment', n)),
  ].sort();
  const mergeFields = { FNAME: contact.firstName ?? '', LNAME: contact.lastName ?? '', PHONE: contact.phone ?? '' };
  const status = consent === 'withdrawn' ? ('unsubscribed' as const) : undefined;
  const contentHash = createHash('sha256')
    .update(JSON.stringify({ email: email.toLowerCase(), mergeFields, language: contact.language, tags, consent }))
    .digest('hex');
  if (known && existing.contentHash === contentHash) return null;
  const previous = known ? existing.tags : [];
  return {
    contactId: contact.contactId,
    email,
    subscriberHash: subscriberHash(email),
    mergeFields,
    language: contact.language,
    statusIfNew: consent === 'given' ? 'subscribed' : 'unsubscribed',
    ...(status ? { status } : {}),
    tags,
    removeTags: previous.filter((t) => !tags.includes(t)),
    contentHash,
  };
}
