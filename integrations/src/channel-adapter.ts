/**
 * The small contract every messaging provider implements. The core (backend) only sees these
 * types; provider SDKs stay inside this package.
 */
export type ChannelName = 'telegram' | 'viber' | 'whatsapp' | 'sms' | 'messenger' | 'instagram' | 'email' | 'webchat';

/** An inbound webhook call as the HTTP layer received it. */
export type InboundRequest = {
  /** Header names may be in any case; adapters look them up case-insensitively. */
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes the provider sent: signatures are computed over these. */
  rawBody: Buffer;
  /** The parsed body (JSON object or form fields), if the HTTP layer parsed it. */
  body: unknown;
  query: Record<string, string>;
  /** Full public URL as the provider called it (scheme, host, path and query). */
  url: string;
  /** HTTP method; defaults to POST when absent. */
  method?: string;
};

export type NormalizedAttachment = {
  kind: 'image' | 'file' | 'voice' | 'audio' | 'video' | 'location' | 'sticker';
  providerFileId?: string;
  url?: string;
  mimeType?: string;
  fileName?: string;
  sizeBytes?: number;
  durationSeconds?: number;
  latitude?: number;
  longitude?: number;
  /** Present when the provider delivers the bytes inline (e-mail); otherwise use fetchAttachment. */
  content?: Buffer;
};

export type InboundSender = {
  providerUserId: string;
  name?: string;
  /** As the provider gave it; normalisation to E.164 is the core's job. */
  phone?: string;
  email?: string;
  username?: string;
  language?: string;
};

export type NormalizedInboundMessage = {
  channel: ChannelName;
  /** Unique per channel; the core's unique index on it makes a webhook retry a no-op. */
  providerMessageId: string;
  /** Where to reply (chat id, phone number, PSID, e-mail address). */
  providerChatId: string;
  sender: InboundSender;
  /** E-mail only. */
  subject?: string;
  text?: string;
  /** E-mail only, when the message had an HTML part. */
  html?: string;
  attachments: NormalizedAttachment[];
  sentAt: Date;
  /** E-mail only: root of the Message-ID chain (first of References, else In-Reply-To) used to thread replies. */
  threadRef?: string;
  raw: unknown;
};

export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export type DeliveryStatusUpdate = {
  channel: ChannelName;
  providerMessageId: string;
  status: DeliveryStatus;
  at: Date;
  error?: string;
};

/**
 * Some providers (Messenger) report "everything in this chat up to time T was delivered/read"
 * without message ids.
 */
export type DeliveryWatermark = {
  channel: ChannelName;
  providerChatId: string;
  status: 'delivered' | 'read';
  upTo: Date;
};

/** Something the subscriber did that is not a message (subscribed, opened the chat, unsubscribed). */
export type ChannelLifecycleEvent = {
  channel: ChannelName;
  kind: 'subscribed' | 'unsubscribed' | 'conversation_started';
  providerChatId: string;
  sender: InboundSender;
  at: Date;
  raw: unknown;
};

export type ParsedWebhook = {
  messages: NormalizedInboundMessage[];
  statuses: DeliveryStatusUpdate[];
  watermarks?: DeliveryWatermark[];
  lifecycle?: ChannelLifecycleEvent[];
  /** When set, the HTTP layer answers with exactly this (e.g. Meta's GET hub.challenge). */
  reply?: { status: number; body: string; contentType?: string };
};

export type OutboundAttachment = {
  url?: string;
  fileName?: string;
  mimeType?: string;
  /** Some providers (Viber files) require the size up front. */
  sizeBytes?: number;
  content?: Buffer;
};

export type OutboundMessage = {
  /** providerChatId, phone number or e-mail address. */
  to: string;
  text?: string;
  subject?: string;
  html?: string;
  attachments?: OutboundAttachment[];
  /** Provider message id (or e-mail Message-ID) this message answers. */
  inReplyTo?: string;
  /** E-mail only: the References chain of the message being answered. */
  references?: string[];
  /** E-mail only: extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
};

export type SendResult = { providerMessageId: string };

export type FetchedAttachment = { content: Buffer; mimeType?: string };

export interface ChannelAdapter {
  readonly channel: ChannelName;
  /** false → the caller answers 401 and does nothing else. */
  verify(req: InboundRequest): boolean | Promise<boolean>;
  /** Only called after verify() returned true. */
  parse(req: InboundRequest): ParsedWebhook | Promise<ParsedWebhook>;
  send(msg: OutboundMessage): Promise<SendResult>;
  fetchAttachment?(attachment: NormalizedAttachment): Promise<FetchedAttachment>;
}

export function emptyParsedWebhook(): ParsedWebhook {
  return { messages: [], statuses: [] };
}
