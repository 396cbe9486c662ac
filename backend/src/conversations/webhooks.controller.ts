import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { InboundRequest } from '@consult-crm/integrations';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { Public } from '../auth/auth.decorators.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ChannelAccountsService } from './channel-accounts.service.js';
import { InboundDeliveryAcceptor } from './inbound-delivery-acceptor.js';
import { InboundMessagesService } from './inbound-messages.service.js';

/**
 * Provider webhooks: `POST /api/webhooks/:channel/:accountToken` (and `GET` for Meta's subscription handshake).
 * The signature is checked on the raw bytes before anything else; a forged call gets 401 and changes nothing.
 * Messages are accepted (recorded, 200 after the commit) and stored by InboundBatchProcessor moments later
 * (on PGlite before the 200: see InboundDeliveryAcceptor).
 */
@ApiExcludeController()
@Controller('webhooks')
export class WebhooksController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly accounts: ChannelAccountsService,
    private readonly inbound: InboundMessagesService,
    private readonly acceptor: InboundDeliveryAcceptor,
  ) {}

  @Public()
  @All(':channel/:accountToken')
  async receive(
    @Param('channel') channel: string,
    @Param('accountToken') token: string,
    @Req() req: Request & { rawBody?: Buffer },
    @Res() res: Response,
  ) {
    if (req.method !== 'POST' && req.method !== 'GET')
      return res.status(405).json({ error: 'method_not_allowed', message: 'Use POST.' });
    const account = await this.accounts.byWebhookToken(token);
    if (!account || account.channel !== channel || !account.active)
      return res
        .status(404)
        .json({ error: 'not_found', message: 'No active channel account has this webhook address.' });
    const adapter = this.accounts.adapterOf(account);
    const inboundRequest = this.inboundRequestOf(req);
    if (!(await adapter.verify(inboundRequest))) {
      this.logger.warn({ channelAccountId: account.id, channel }, 'webhook signature rejected');
      return res
        .status(401)
        .json({ error: 'invalid_signature', message: 'The webhook signature does not match this account.' });
    }
    const parsed = await adapter.parse(inboundRequest);
    if (parsed.reply)
      return res
        .status(parsed.reply.status)
        .type(parsed.reply.contentType ?? 'text/plain')
        .send(parsed.reply.body);
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
      return res.status(200).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    return res.status(200).json({ ok: true });
  }

  private inboundRequestOf(req: Request & { rawBody?: Buffer }): InboundRequest {
    const base = this.config.http.publicUrl?.replace(/\/+$/, '') ?? `${req.protocol}://${req.get('host')}`;
    return {
      headers: req.headers,
      rawBody: req.rawBody ?? Buffer.alloc(0),
      body: req.body,
      query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)])),
      url: `${base}${req.originalUrl}`,
      method: req.method,
    };
  }
}
