import { Controller, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { TelephonyWebhookRequest } from '@consult-crm/telephony';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { TelephonyWebhooksService } from './telephony-webhooks.service.js';

/** Signed provider webhooks: no session; each request is verified by its provider's signature (401 otherwise). */
@ApiExcludeController()
@Controller('telephony')
export class TelephonyWebhooksController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly webhooks: TelephonyWebhooksService,
  ) {}

  /** The URL the provider signed: PUBLIC_URL + path when set (behind a proxy), else what this server received. */
  private asWebhook(req: Request): TelephonyWebhookRequest {
    const base = this.config.http.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.get('host')}`;
    const rawBody = (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
    return { headers: req.headers, rawBody, body: req.body, url: `${base}${req.originalUrl}` };
  }

  @Public()
  @Post('twilio/voice')
  @HttpCode(200)
  async twilioVoice(@Req() req: Request, @Res() res: Response) {
    res.type('text/xml').send(await this.webhooks.twilioIncomingCall(this.asWebhook(req)));
  }

  @Public()
  @Post('twilio/dial-result')
  @HttpCode(200)
  twilioDialResult(@Req() req: Request, @Res() res: Response) {
    res.type('text/xml').send(this.webhooks.twilioDialResult(this.asWebhook(req)));
  }

  @Public()
  @Post('twilio/bridge')
  @HttpCode(200)
  twilioBridge(@Req() req: Request, @Query('to') to: string, @Res() res: Response) {
    res.type('text/xml').send(this.webhooks.twilioBridge(this.asWebhook(req), to ?? ''));
  }

  @Public()
  @Post('twilio/status')
  @HttpCode(204)
  async twilioStatus(@Req() req: Request): Promise<void> {
    await this.webhooks.ingestWebhook('twilio', this.asWebhook(req));
  }

  @Public()
  @Post('twilio/recording')
  @HttpCode(204)
  async twilioRecording(@Req() req: Request): Promise<void> {
    await this.webhooks.ingestWebhook('twilio', this.asWebhook(req));
  }

  @Public()
  @Post('cloud-pbx/events')
  @HttpCode(200)
  async cloudPbxEvents(@Req() req: Request) {
    return { accepted: await this.webhooks.ingestWebhook('cloud-pbx', this.asWebhook(req)) };
  }
}
