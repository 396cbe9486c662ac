import { z } from 'zod';

/** What the widget sends for one visitor message (also the offline form: contact fields plus text). */
export const webchatMessageInput = z
  .object({
    text: z.string().trim().max(4000).optional(),
    clientMessageId: z
      .string()
      .regex(/^[\w-]{8,64}$/)
      .optional(),
    name: z.string().trim().max(120).optional(),
    phone: z.string().trim().max(40).optional(),
    email: z.email().max(200).optional(),
    attachments: z
      .array(
        z.object({
          storageKey: z.string().max(200),
          fileName: z.string().max(200).optional(),
          mimeType: z.string().max(120),
          sizeBytes: z.number().int().nonnegative().optional(),
        }),
      )
      .max(5)
      .optional(),
  })
  .refine((m) => m.text || m.attachments?.length, { message: 'Write a message or attach a file.', path: ['text'] });
export type WebchatMessageInput = z.infer<typeof webchatMessageInput>;
