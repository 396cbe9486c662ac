import { All, Controller, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { InboundRequest } from '@consult-crm/integrations';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { WebhookReceiver } from './webhook-receiver.js';

/**
 * Provider webhooks: `POST /api/webhooks/:channel/:accountToken` (and `GET` for Meta's subscription handshake).
 * JSON POSTs are answered ahead of Nest by `plainWebhookHandler`; this controller takes the rest (form-encoded
 * Twilio calls, GET handshakes, compressed bodies). Both hand the call to WebhookReceiver: the signature is checked
 * on the raw bytes before anything else (401, nothing written), messages are accepted (200 after the commit) and
 * stored by InboundBatchProcessor moments later (on PGlite before the 200: see InboundDeliveryAcceptor).
 */
@ApiExcludeController()
@Controller('webhooks')
export class WebhooksController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly receiver: WebhookReceiver,
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
    const answer = await this.receiver.receive(channel, token, this.inboundRequestOf(req));
    if ('json' in answer) return res.status(answer.status).json(answer.json);
    return res.status(answer.status).type(answer.contentType).send(answer.text);
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
