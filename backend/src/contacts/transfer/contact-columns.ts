import { parseYesNo } from '../../spreadsheets/column-mapping.js';
import type { SpreadsheetCell } from '../../spreadsheets/spreadsheet-file.js';
import type { CompanyRow } from '../../companies/companies.schema.js';
import type { ContactView } from '../contact-view.js';

/** Import header synonyms per field; the first one is the export header. */
export const CONTACT_COLUMNS = {
  id: ['ID'],
  firstName: ['Prenume', 'First name', 'Firstname', 'Имя'],
  lastName: ['Nume', 'Last name', 'Lastname', 'Nume de familie', 'Фамилия'],
  phones: ['Telefon', 'Telefoane', 'Phone', 'Phones', 'Mobil', 'Телефон'],
  email: ['Email', 'E-mail', 'Poșta electronică'],
  locality: ['Localitate', 'Localitatea', 'Locality', 'City', 'Oraș', 'Населённый пункт'],
  district: ['Raion', 'District', 'Район'],
  activityType: ['Activitate', 'Tip activitate', 'Activity', 'Activity type', 'Domeniu'],
  language: ['Limba', 'Language', 'Язык'],
  company: ['Companie', 'Company', 'Firma', 'Întreprindere'],
  idno: ['IDNO', 'Cod fiscal'],
  tags: ['Etichete', 'Tags', 'Etichetă'],
  consentSms: ['Consimțământ SMS', 'Consent SMS'],
  consentEmail: ['Consimțământ email', 'Consent email'],
  consentMessengers: ['Consimțământ mesagerie', 'Consent messengers'],
  consentMarketing: ['Consimțământ marketing', 'Consent marketing'],
  source: ['Sursa', 'Source'],
  notes: ['Note', 'Notes', 'Observații'],
  createdAt: ['Creat la', 'Created at'],
} as const;
export type ContactColumn = keyof typeof CONTACT_COLUMNS;
export type ContactImportRecord = Partial<Record<ContactColumn, string>>;

export const CONTACT_EXPORT_HEADERS = Object.values(CONTACT_COLUMNS).map((names) => names[0]);

/** A list cell: "069123456; 078111222" or "agro, export". */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[;,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

export function consentOfRecord(record: ContactImportRecord) {
  const consent = {
    sms: parseYesNo(record.consentSms),
    email: parseYesNo(record.consentEmail),
    messengers: parseYesNo(record.consentMessengers),
    marketing: parseYesNo(record.consentMarketing),
  };
  return Object.fromEntries(Object.entries(consent).filter(([, v]) => v !== undefined)) as Record<string, boolean>;
}

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'da' : 'nu');

/** One export row, in CONTACT_COLUMNS order. */
export function contactExportRow(contact: ContactView, company: CompanyRow | undefined): SpreadsheetCell[] {
  const row: Record<ContactColumn, SpreadsheetCell> = {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    phones: contact.phones.map((p) => p.e164).join('; '),
    email: contact.email,
    locality: contact.locality,
    district: contact.district,
    activityType: contact.activityType,
    language: contact.language,
    company: company?.name,
    idno: company?.idno,
    tags: contact.tags.join(', '),
    consentSms: yesNo(contact.consent.sms),
    consentEmail: yesNo(contact.consent.email),
    consentMessengers: yesNo(contact.consent.messengers),
    consentMarketing: yesNo(contact.consent.marketing),
    source: contact.source,
    notes: contact.notes,
    createdAt: contact.createdAt.toISOString(),
  };
  return (Object.keys(CONTACT_COLUMNS) as ContactColumn[]).map((key) => row[key]);
}
