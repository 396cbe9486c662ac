import { z } from 'zod';
import { RECIPIENT_STATUSES } from './campaigns.schema.js';

export const createCampaignDto = z.object({
  name: z.string().trim().min(1).max(200),
  templateId: z.uuid(),
  segmentId: z.uuid(),
  channelAccountId: z.uuid(),
  /** Messages per minute handed to the outbound queue; default CAMPAIGN_DEFAULT_RATE_PER_MINUTE. */
  ratePerMinute: z.number().int().min(1).max(100_000).optional(),
  taskOnOpen: z.boolean().default(false),
  trackOpens: z.boolean().default(true),
  trackClicks: z.boolean().default(true),
});
export type CreateCampaignDto = z.infer<typeof createCampaignDto>;

/** Only a draft's audience and template can change; the rate and the open-task option may change while it runs. */
export const updateCampaignDto = createCampaignDto.partial();
export type UpdateCampaignDto = z.infer<typeof updateCampaignDto>;

export const recipientsQuery = z.object({
  status: z.enum(RECIPIENT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RecipientsQuery = z.infer<typeof recipientsQuery>;
