/** The parts of Meta's Messenger / Instagram messaging webhook payload we read. */
export type MetaWebhookPayload = {
  object: 'page' | 'instagram' | string;
  entry?: MetaWebhookEntry[];
};

export type MetaWebhookEntry = {
  id: string;
  time: number;
  messaging?: MetaMessagingEvent[];
};

export type MetaMessagingEvent = {
  sender: { id: string };
  recipient: { id: string };
  timestamp: number;
  message?: {
    mid: string;
    text?: string;
    is_echo?: boolean;
    is_deleted?: boolean;
    attachments?: MetaAttachment[];
    reply_to?: { mid?: string };
  };
  delivery?: { mids?: string[]; watermark: number };
  read?: { watermark?: number; mid?: string };
};

export type MetaAttachment = {
  type: 'image' | 'audio' | 'video' | 'file' | 'location' | 'fallback' | 'template' | string;
  payload?: {
    url?: string;
    sticker_id?: number;
    title?: string;
    coordinates?: { lat: number; long: number };
  };
};
