import type { OutboundAttachment } from '../channel-adapter.js';
import { stripTrailingSlash } from '../shared/request-helpers.js';

export type MetaSendApiMessage =
  | { text: string }
  | { attachment: { type: 'image' | 'audio' | 'video' | 'file'; payload: { url: string; is_reusable: boolean } } };

type MetaSendApiResponse = { recipient_id?: string; message_id?: string; error?: { message: string; code?: number } };

/** Thin client for the Send API: POST {graph}/{version}/me/messages?access_token=... */
export class MetaSendApiClient {
  private readonly endpoint: string;

  constructor(
    graphApiBaseUrl: string,
    graphApiVersion: string,
    private readonly pageAccessToken: string,
  ) {
    this.endpoint = `${stripTrailingSlash(graphApiBaseUrl)}/${graphApiVersion}/me/messages`;
  }

  async sendMessage(recipientId: string, message: MetaSendApiMessage): Promise<string> {
    const url = `${this.endpoint}?access_token=${encodeURIComponent(this.pageAccessToken)}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ recipient: { id: recipientId }, messaging_type: 'RESPONSE', message }),
    });
    const answer = (await response.json().catch(() => ({}))) as MetaSendApiResponse;
    if (!response.ok || !answer.message_id) {
      const reason = answer.error
        ? `${answer.error.message} (code ${answer.error.code ?? 'unknown'})`
        : `HTTP ${response.status}`;
      throw new Error(`Meta Send API rejected the message: ${reason}`);
    }
    return answer.message_id;
  }
}

export function attachmentMessage(attachment: OutboundAttachment): MetaSendApiMessage {
  if (!attachment.url) throw new Error('Meta Send API attachments need a public URL (attachment.url)');
  const mime = attachment.mimeType ?? '';
  const type = mime.startsWith('image/')
    ? 'image'
    : mime.startsWith('audio/')
      ? 'audio'
      : mime.startsWith('video/')
        ? 'video'
        : 'file';
  return { attachment: { type, payload: { url: attachment.url, is_reusable: false } } };
}
