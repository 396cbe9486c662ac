import { z } from 'zod';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

/** A landing-page form as posted by /widget/lead-form.js (form-urlencoded or JSON). */
export const submitLeadDto = z
  .object({
    name: optionalText(120),
    phone: optionalText(40),
    email: z
      .string()
      .trim()
      .max(200)
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.email('Enter a valid e-mail address.').optional()),
    message: optionalText(2000),
    company: optionalText(200),
    utm_source: optionalText(200),
    utm_medium: optionalText(200),
    utm_campaign: optionalText(200),
    utm_term: optionalText(200),
    utm_content: optionalText(200),
    referrer: optionalText(1000),
    pageUrl: optionalText(1000),
    /** Honeypot: a field people never see; bots fill it. */
    website: z.string().max(500).optional(),
    /** Milliseconds the form was on screen before it was sent (the script measures it). */
    elapsedMs: z.coerce.number().int().nonnegative().optional(),
    /** HMAC form token from GET /api/leads/form-token (required when LEAD_FORM_SECRET is set). */
    formToken: optionalText(200),
    consent: z.union([z.boolean(), z.enum(['true', 'on', '1', 'false', '0'])]).optional(),
  })
  .refine((lead) => lead.phone || lead.email, {
    message: 'Enter a phone number or an e-mail address.',
    path: ['phone'],
  });
export type SubmitLeadDto = z.infer<typeof submitLeadDto>;
