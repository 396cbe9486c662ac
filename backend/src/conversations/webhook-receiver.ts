import { Inject, Injectable } from '@nestjs/common';
import type { InboundRequest } from '@consult-crm/integrations';
import type { Logger } from 'pino';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { InboundDeliveryAcceptor } from './inbound-delivery-acceptor.js';
import { InboundMessagesService } from './inbound-messages.service.js';

/** What to answer a provider: a JSON body, or text exactly as given (Meta's challenge, Twilio's TwiML). */
export type WebhookAnswer =
  { status: number; json: Record<string, unknown> } | { status: number; contentType: string; text: string };

/**
 * One provider webhook call, whatever HTTP layer received it (WebhooksController through Nest, or
 * `webhookFastPath` ahead of it): the signature is checked on the raw bytes before anything else (401, nothing
 * written); messages are accepted (one idempotent insert, committed before the answer) for InboundBatchProcessor.
 */
@Injectable()
export class WebhookReceiver {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly accounts: ChannelAccountsService,
    private readonly inbound: InboundMessagesService,
    private readonly acceptor: InboundDeliveryAcceptor,
  ) {}

  async receive(channel: string, token: string, request: InboundRequest): Promise<WebhookAnswer> {
    const account = await this.accounts.byWebhookToken(token);
    if (!account || account.channel !== channel || !account.active)
      return {
        status: 404,
        json: { error: 'not_found', message: 'No active channel account has this webhook address.' },
      };
    const adapter = this.accounts.adapterOf(account);
    if (!(await adapter.verify(request))) {
      this.logger.warn({ channelAccountId: account.id, channel }, 'webhook signature rejected');
      return {
        status: 401,
        json: { error: 'invalid_signature', message: 'The webhook signature does not match this account.' },
      };
    }
    const parsed = await adapter.parse(request);
    if (parsed.reply)
      return {
        status: parsed.reply.status,
        contentType: parsed.reply.contentType ?? 'text/plain',
        text: parsed.reply.body,
      };
    const canFetchAttachments = typeof adapter.fetchAttachment === 'function';
    // Bytes that came inside the webhook go to the attachment store now; everything else is accepted for the
    // batch processor with one idempotent insert, committed before the provider gets its 200.
    const withBytes = parsed.messages.filter((m) => m.attachments.some((a) => a.content));
    for (const message of withBytes) await this.inbound.ingest(account, message, { canFetchAttachments });
    await this.acceptor.accept(
      account,
      withBytes.length ? parsed.messages.filter((m) => !withBytes.includes(m)) : parsed.messages,
      canFetchAttachments,
    );
    if (parsed.statuses.length || parsed.watermarks?.length)
      await this.inbound.applyStatuses(account, parsed.statuses, parsed.watermarks);
    if (channel === 'sms' || channel === 'whatsapp')
      return {
        status: 200,
        contentType: 'text/xml',
        text: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>',
      };
    return { status: 200, json: { ok: true } };
  }
}
