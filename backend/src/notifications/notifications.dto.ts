import { z } from 'zod';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from './notifications.schema.js';

const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const listNotificationsQuery = z.object({
  unread: booleanQuery.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const markReadDto = z
  .object({ ids: z.array(z.uuid()).min(1).max(500).optional(), all: z.literal(true).optional() })
  .refine((d) => d.ids || d.all, {
    message: 'Give the ids to mark read, or all: true.',
    path: ['ids'],
  });
export type MarkReadDto = z.infer<typeof markReadDto>;

export const updatePreferencesDto = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(NOTIFICATION_KINDS, `One of: ${NOTIFICATION_KINDS.join(', ')}.`),
        channels: z.array(z.enum(NOTIFICATION_CHANNELS, `One of: ${NOTIFICATION_CHANNELS.join(', ')}.`)).max(3),
      }),
    )
    .min(1),
});
export type UpdatePreferencesDto = z.infer<typeof updatePreferencesDto>;

/** The chat id the staff member's Telegram account has with the notification bot (they /start it and read the id). */
export const linkTelegramDto = z.object({
  chatId: z
    .string()
    .trim()
    .regex(/^-?\d{1,20}$/, 'A Telegram chat id is a number, e.g. 123456789.'),
});
export type LinkTelegramDto = z.infer<typeof linkTelegramDto>;
