import { z } from 'zod';

export const createChannelAccountDto = z.object({
  provider: z.string().min(2).max(40),
  channel: z.string().min(2).max(40).optional(),
  name: z.string().trim().min(1).max(120),
  /** Provider settings (tokens, secrets, sender numbers, API base URLs); secret values are encrypted at rest. */
  config: z.record(z.string(), z.unknown()).default({}),
  departmentId: z.uuid().nullish(),
  defaultResponsibleUserId: z.uuid().nullish(),
  createCardForNewContacts: z.boolean().default(true),
  ratePerSecond: z.number().int().min(1).max(1000).default(20),
  active: z.boolean().default(true),
});
export type CreateChannelAccountDto = z.infer<typeof createChannelAccountDto>;

export const updateChannelAccountDto = createChannelAccountDto.omit({ provider: true }).partial().extend({
  /** true: a new webhook token (the provider's webhook must then be set again). */
  rotateWebhookToken: z.boolean().optional(),
});
export type UpdateChannelAccountDto = z.infer<typeof updateChannelAccountDto>;
