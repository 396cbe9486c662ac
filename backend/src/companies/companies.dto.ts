import { z } from 'zod';
import { COMPANY_SIZES } from './companies.schema.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => v || null)
    .optional();

/** Moldova's IDNO (state identification number of a legal entity): exactly 13 digits. */
export const idnoDto = z
  .string()
  .trim()
  .regex(/^[0-9]{13}$/, 'An IDNO is exactly 13 digits, for example 1003600012345.');

const companyFields = {
  name: z.string().trim().min(1, 'Enter the company name.').max(300),
  idno: idnoDto.nullish(),
  size: z.enum(COMPANY_SIZES).nullish(),
  sector: optionalText(100),
  locality: optionalText(100),
  address: optionalText(500),
  website: z.url('Enter a full address such as https://example.md.').max(300).nullish(),
  customFields: z.record(z.string().max(100), z.unknown()),
  departmentId: z.uuid().nullish(),
};

export const createCompanyDto = z.object({ ...companyFields, customFields: companyFields.customFields.default({}) });
export type CreateCompanyDto = z.infer<typeof createCompanyDto>;

export const updateCompanyDto = z.object(companyFields).partial();
export type UpdateCompanyDto = z.infer<typeof updateCompanyDto>;

export const companySearchDto = z.object({
  q: z.string().trim().max(200).optional(),
  size: z.enum(COMPANY_SIZES).optional(),
  sector: z.string().trim().max(100).optional(),
  locality: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type CompanySearchDto = z.infer<typeof companySearchDto>;
export type CompanyFilter = Omit<CompanySearchDto, 'limit' | 'cursor'>;

export const companyExportDto = companySearchDto
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
export type CompanyExportDto = z.infer<typeof companyExportDto>;

export const companyImportQueryDto = z.object({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});
