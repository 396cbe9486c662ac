import { z } from 'zod';
import { TEMPLATE_CHANNELS, TEMPLATE_FORMATS, TEMPLATE_LOCALES } from './message-templates.schema.js';

const templateFields = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'Use lower-case letters, digits and dashes, e.g. consultation-follow-up.'),
  name: z.string().trim().min(1).max(200),
  channel: z.enum(TEMPLATE_CHANNELS),
  format: z.enum(TEMPLATE_FORMATS),
  locale: z.enum(TEMPLATE_LOCALES),
  subject: z.string().max(500).nullish(),
  body: z.string().min(1, 'Write the message body.').max(200_000),
  departmentId: z.uuid().nullish(),
  pipelineId: z.uuid().nullish(),
  service: z.string().trim().min(1).max(80).nullish(),
  active: z.boolean().default(true),
});

const formatFitsChannel = (t: { channel?: string; format?: string }) =>
  !t.channel || !t.format || t.channel === 'email' || t.format === 'text';
const formatMessage = { message: 'SMS and messenger templates are plain text: use format "text".', path: ['format'] };

export const createTemplateDto = templateFields
  .refine(formatFitsChannel, formatMessage)
  .refine((t) => t.channel !== 'email' || (t.subject ?? '').trim().length > 0, {
    message: 'E-mails need a subject.',
    path: ['subject'],
  });
export type CreateTemplateDto = z.infer<typeof createTemplateDto>;

export const updateTemplateDto = templateFields.partial().refine(formatFitsChannel, formatMessage);
export type UpdateTemplateDto = z.infer<typeof updateTemplateDto>;

export const listTemplatesQuery = z.object({
  channel: z.enum(TEMPLATE_CHANNELS).optional(),
  locale: z.enum(TEMPLATE_LOCALES).optional(),
  key: z.string().max(80).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;

/** Render a saved template, or an unsaved draft (the editor's live preview), for a chosen contact and card. */
export const previewTemplateDto = z.object({
  templateId: z.uuid().optional(),
  draft: templateFields.pick({ channel: true, format: true, locale: true, subject: true, body: true }).optional(),
  contactId: z.uuid().optional(),
  cardId: z.uuid().optional(),
  /** SMS: transliterate Romanian diacritics so the message goes as cheaper GSM-7. */
  gsmSafe: z.boolean().optional(),
});
export type PreviewTemplateDto = z.infer<typeof previewTemplateDto>;

export const cardTemplatesQuery = z.object({
  channel: z.enum(TEMPLATE_CHANNELS).optional(),
  locale: z.enum(TEMPLATE_LOCALES).optional(),
});
export type CardTemplatesQuery = z.infer<typeof cardTemplatesQuery>;
