import { z } from 'zod';

const attachment = z.object({
  kind: z.enum(['image', 'file', 'voice', 'audio', 'video']).optional(),
  /** A public URL the provider fetches, or the storageKey of a file uploaded with POST /api/conversations/:id/attachments. */
  url: z.url().optional(),
  storageKey: z.string().max(200).optional(),
  fileName: z.string().max(255).optional(),
  mimeType: z.string().max(120).optional(),
  sizeBytes: z.number().int().nonnegative().optional(),
});

export const sendMessageDto = z
  .object({
    text: z.string().trim().min(1).max(4096).optional(),
    /** E-mail only: the subject line (a reply defaults to "Re: " and the subject it answers). */
    subject: z.string().trim().min(1).max(300).optional(),
    attachments: z.array(attachment).max(10).optional(),
  })
  .refine((m) => m.text || m.attachments?.length, { message: 'Write a message or attach a file.', path: ['text'] });
export type SendMessageDto = z.infer<typeof sendMessageDto>;

const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const listConversationsQuery = z.object({
  channel: z.string().max(40).optional(),
  /** A user id, `me`, or `none` for unassigned. */
  assignee: z.union([z.uuid(), z.literal('me'), z.literal('none')]).optional(),
  unread: booleanQuery.optional(),
  status: z.enum(['open', 'closed']).optional(),
  contactId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;

export const listMessagesQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMessagesQuery = z.infer<typeof listMessagesQuery>;

export const assignConversationDto = z.object({ userId: z.uuid().nullable() });
export type AssignConversationDto = z.infer<typeof assignConversationDto>;

export const viberBusinessMessageDto = z.object({
  text: z.string().trim().min(1).max(1000),
  /** SMS text when Viber does not deliver in time; defaults to the same text. */
  smsText: z.string().trim().min(1).max(1000).optional(),
});
export type ViberBusinessMessageDto = z.infer<typeof viberBusinessMessageDto>;
