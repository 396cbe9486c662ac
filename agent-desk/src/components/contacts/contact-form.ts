import { phoneNumber, type Contact } from '@/api/types';
import type { EditablePhone } from './PhoneListInput.vue';

export const CONSENT_CHANNELS = ['sms', 'email', 'messengers', 'marketing'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const TEXT_KEYS = ['firstName', 'lastName', 'email', 'locality', 'district', 'activityType', 'source'] as const;
type TextKey = (typeof TEXT_KEYS)[number];

/** What the contact form edits, in the shape of its inputs. */
export type ContactForm = Record<TextKey, string | null> & {
  language: string;
  companyId: string | null;
  tags: string[];
  phones: EditablePhone[];
  consent: Record<ConsentChannel, boolean>;
  customFields: Record<string, unknown>;
  notes: string | null;
};

export function contactForm(contact: Contact): ContactForm {
  const text = Object.fromEntries(TEXT_KEYS.map((k) => [k, contact[k] ?? null])) as Record<TextKey, string | null>;
  return {
    ...text,
    language: contact.language ?? 'ro',
    companyId: contact.companyId ?? null,
    tags: [...(contact.tags ?? [])],
    phones: (contact.phones ?? []).map((p, i) => ({
      number: phoneNumber(p),
      label: typeof p === 'string' ? '' : (p.label ?? ''),
      isPrimary: typeof p === 'string' ? i === 0 : !!p.isPrimary,
    })),
    consent: Object.fromEntries(
      CONSENT_CHANNELS.map((c) => [c, contact.consent?.[c] === true]),
    ) as ContactForm['consent'],
    customFields: { ...(contact.customFields ?? {}) },
    notes: contact.notes ?? null,
  };
}

/** The PATCH /contacts/:id body: only what differs from the contact as loaded (consent keeps its other keys). */
export function contactPatch(before: ContactForm, after: ContactForm, contact: Contact): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of [...TEXT_KEYS, 'language', 'companyId', 'tags', 'customFields', 'notes'] as const) {
    if (!same(before[key], after[key])) patch[key] = after[key];
  }
  if (!same(before.phones, after.phones))
    patch.phones = after.phones
      .filter((p) => p.number.trim())
      .map((p) => ({ number: p.number.trim(), isPrimary: p.isPrimary, ...(p.label ? { label: p.label } : {}) }));
  if (!same(before.consent, after.consent)) {
    const { source } = (contact.consent ?? {}) as { source?: string };
    patch.consent = { ...after.consent, ...(source ? { source } : {}) };
  }
  return patch;
}
