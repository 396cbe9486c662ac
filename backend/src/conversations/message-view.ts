import type { MessageRow } from './conversations.schema.js';

/** A message as the desk sees it: stored attachments point at the streaming endpoint. */
export function toMessageView(row: MessageRow) {
  return {
    ...row,
    attachments: row.attachments.map((a, index) => ({
      ...a,
      downloadUrl: a.storageKey ? `/api/messages/${row.id}/attachments/${index}` : undefined,
    })),
  };
}
export type MessageView = ReturnType<typeof toMessageView>;
