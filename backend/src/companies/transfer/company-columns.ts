import { headerKey } from '../../spreadsheets/column-mapping.js';
import type { SpreadsheetCell } from '../../spreadsheets/spreadsheet-file.js';
import { COMPANY_SIZES, type CompanyRow } from '../companies.schema.js';

/** Import header synonyms per field; the first one is the export header. */
export const COMPANY_COLUMNS = {
  id: ['ID'],
  name: ['Denumire', 'Companie', 'Name', 'Company', 'Firma', 'Название'],
  idno: ['IDNO', 'Cod fiscal'],
  size: ['Mărime', 'Size', 'Categorie', 'Размер'],
  sector: ['Sector', 'Domeniu', 'Activitate', 'Отрасль'],
  locality: ['Localitate', 'Locality', 'City', 'Oraș'],
  address: ['Adresă', 'Address', 'Адрес'],
  website: ['Website', 'Site', 'Web'],
  createdAt: ['Creat la', 'Created at'],
} as const;
export type CompanyColumn = keyof typeof COMPANY_COLUMNS;
export type CompanyImportRecord = Partial<Record<CompanyColumn, string>>;

export const COMPANY_EXPORT_HEADERS = Object.values(COMPANY_COLUMNS).map((names) => names[0]);

const SIZE_WORDS: Record<string, (typeof COMPANY_SIZES)[number]> = {
  micro: 'micro',
  microintreprindere: 'micro',
  small: 'small',
  mica: 'small',
  mic: 'small',
  medium: 'medium',
  mijlocie: 'medium',
  mediu: 'medium',
  large: 'large',
  mare: 'large',
};

/** "mică", "Medium", "mare" → the size enum; unknown words pass through so validation names the field. */
export function companySizeOf(value: string | undefined): string | undefined {
  return value === undefined ? undefined : (SIZE_WORDS[headerKey(value)] ?? value);
}

export function companyExportRow(company: CompanyRow): SpreadsheetCell[] {
  const row: Record<CompanyColumn, SpreadsheetCell> = {
    id: company.id,
    name: company.name,
    idno: company.idno,
    size: company.size,
    sector: company.sector,
    locality: company.locality,
    address: company.address,
    website: company.website,
    createdAt: company.createdAt.toISOString(),
  };
  return (Object.keys(COMPANY_COLUMNS) as CompanyColumn[]).map((key) => row[key]);
}
