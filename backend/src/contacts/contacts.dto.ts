import { z } from 'zod';

export const CONTACT_LANGUAGES = ['ro', 'ru', 'en'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => v || null)
    .optional();

export const consentDto = z.object({
  sms: z.boolean().optional(),
  email: z.boolean().optional(),
  messengers: z.boolean().optional(),
  marketing: z.boolean().optional(),
  source: z.string().max(100).optional(),
});

export const phoneInputDto = z.union([
  z.string().max(40),
  z.object({
    number: z.string().max(40),
    label: z.string().trim().max(40).optional(),
    isPrimary: z.boolean().optional(),
  }),
]);
export type PhoneInput = z.infer<typeof phoneInputDto>;

const contactFields = {
  firstName: optionalText(100),
  lastName: optionalText(100),
  email: z
    .email('Enter a valid e-mail address.')
    .max(200)
    .transform((v) => v.toLowerCase())
    .nullish(),
  locality: optionalText(100),
  district: optionalText(100),
  activityType: optionalText(100),
  language: z.enum(CONTACT_LANGUAGES),
  companyId: z.uuid().nullish(),
  responsibleUserId: z.uuid().nullish(),
  departmentId: z.uuid().nullish(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50),
  consent: consentDto,
  customFields: z.record(z.string().max(100), z.unknown()),
  source: optionalText(50),
  notes: optionalText(10_000),
  phones: z.array(phoneInputDto).max(10),
};

export const createContactDto = z.object({
  ...contactFields,
  language: contactFields.language.default('ro'),
  tags: contactFields.tags.default([]),
  consent: contactFields.consent.default({}),
  customFields: contactFields.customFields.default({}),
  phones: contactFields.phones.default([]),
});
export type CreateContactDto = z.infer<typeof createContactDto>;
/** What other domains pass when they create a contact on the fly (inbound call, message, import). */
export type ContactDefaults = Partial<Omit<CreateContactDto, 'phones'>>;

export const updateContactDto = z.object(contactFields).partial();
export type UpdateContactDto = z.infer<typeof updateContactDto>;

export const contactSearchDto = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(50).optional(),
  responsibleUserId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  locality: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ContactSearchDto = z.infer<typeof contactSearchDto>;
export type ContactFilter = Omit<ContactSearchDto, 'limit' | 'cursor'>;

export const lookupDto = z.object({ phone: z.string().trim().min(1, 'Give the phone number to look up.').max(40) });

export const mergeContactsDto = z.object({ duplicateId: z.uuid() });

export const linkContactDto = z.object({ contactId: z.uuid() });

const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

export const contactExportDto = contactSearchDto
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') });
export type ContactExportDto = z.infer<typeof contactExportDto>;

export const importQueryDto = z.object({ dryRun: booleanQuery });
