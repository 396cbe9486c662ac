import type { ContactPhoneRow, ContactRow } from './contacts.schema.js';

export type ContactPhoneView = { e164: string; label: string | null; isPrimary: boolean };
/** A contact as the API and other domains see it: the row plus its phone numbers, primary first. */
export type ContactView = ContactRow & { phones: ContactPhoneView[] };

export function toContactView(row: ContactRow, phones: ContactPhoneRow[]): ContactView {
  return {
    ...row,
    phones: phones
      .filter((p) => p.contactId === row.id)
      .sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.createdAt.getTime() - b.createdAt.getTime())
      .map((p) => ({ e164: p.e164, label: p.label, isPrimary: p.isPrimary })),
  };
}

/** "First Last"; without a name, the primary phone or the e-mail. */
export function deriveDisplayName(
  fields: { firstName?: string | null; lastName?: string | null; email?: string | null },
  primaryPhone?: string | null,
): string {
  const name = [fields.firstName, fields.lastName]
    .filter((part) => part && part.trim())
    .join(' ')
    .trim();
  return name || primaryPhone || fields.email || 'Contact fără nume';
}
