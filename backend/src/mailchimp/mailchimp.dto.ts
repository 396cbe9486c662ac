import { z } from 'zod';

const audienceSettings = {
  name: z.string().trim().min(1).max(120),
  /** Marketing API key ("…-us21"); stored encrypted, never shown again. */
  apiKey: z.string().trim().min(10).max(200),
  /** Data-centre prefix ("us21"); read from the key's suffix when omitted. */
  serverPrefix: z
    .string()
    .regex(/^[a-z]{2,4}\d{1,3}$/, 'The data-centre prefix, for example us21 (the part after the dash in the API key).')
    .optional(),
  /** The audience (list) id from Mailchimp: Audience → Settings → Audience name and defaults. */
  listId: z.string().trim().min(1).max(40),
  segmentIds: z.array(z.uuid()).max(50).default([]),
  autoSubscribeStageIds: z.array(z.uuid()).max(100).default([]),
  tagStages: z.boolean().default(true),
  tagInstruments: z.boolean().default(true),
  active: z.boolean().default(true),
};

export const connectAudienceDto = z.object(audienceSettings);
export type ConnectAudienceDto = z.infer<typeof connectAudienceDto>;

export const updateAudienceDto = z.object({
  name: audienceSettings.name.optional(),
  apiKey: audienceSettings.apiKey.optional(),
  serverPrefix: audienceSettings.serverPrefix,
  segmentIds: z.array(z.uuid()).max(50).optional(),
  autoSubscribeStageIds: z.array(z.uuid()).max(100).optional(),
  tagStages: z.boolean().optional(),
  tagInstruments: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type UpdateAudienceDto = z.infer<typeof updateAudienceDto>;

export const testConnectionDto = z.object({
  apiKey: audienceSettings.apiKey,
  serverPrefix: audienceSettings.serverPrefix,
  listId: audienceSettings.listId.optional(),
});
export type TestConnectionDto = z.infer<typeof testConnectionDto>;

/** From a card: put its contact into the Mailchimp segment (tag) a campaign is sent to. */
export const addToSegmentDto = z.object({
  audienceId: z.uuid(),
  segmentId: z.number().int().positive(),
});
export type AddToSegmentDto = z.infer<typeof addToSegmentDto>;

/**
 * A Mailchimp audience webhook (form-encoded; `data[...]` fields parsed into `data`). Only the fields the CRM uses are
 * checked; Mailchimp adds more (`data[merges][FNAME]`, `data[ip_opt]`…), which are ignored.
 */
export const mailchimpWebhookDto = z.object({
  type: z.enum(['subscribe', 'unsubscribe', 'profile', 'upemail', 'cleaned', 'campaign']),
  fired_at: z.string().optional(),
  data: z.object({
    list_id: z.string().min(1),
    email: z.string().trim().min(3).optional(),
    id: z.string().optional(),
    reason: z.string().optional(),
    action: z.string().optional(),
    campaign_id: z.string().optional(),
    old_email: z.string().trim().min(3).optional(),
    new_email: z.string().trim().min(3).optional(),
    new_id: z.string().optional(),
  }),
});
export type MailchimpWebhookDto = z.infer<typeof mailchimpWebhookDto>;
