import { z } from 'zod';

/** Send one template to one contact now, from their card or contact page. */
export const templateSendDto = z.object({
  templateId: z.uuid(),
  /** The account to send from; default: the first active account of the template's channel that can reach the contact. */
  channelAccountId: z.uuid().optional(),
  /** Sending from a contact page: the card whose data (stage, consultant) is merged. */
  cardId: z.uuid().optional(),
  /** E-mail: open pixel, click redirects and unsubscribe link like campaign mails (needs PUBLIC_URL); default true. */
  track: z.boolean().optional(),
  /** E-mail: the first open creates a follow-up task for the card's (else the contact's) responsible consultant. */
  taskOnOpen: z.boolean().optional(),
});
export type TemplateSendDto = z.infer<typeof templateSendDto>;
