import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { Public } from '../auth/auth.decorators.js';
import { ROOT_LOGGER } from '../common/logger.module.js';
import { StaffTelegramLinkService } from './staff-telegram-link.service.js';

/**
 * `POST /api/webhooks/staff-telegram`: the staff bot's webhook (registered with setWebhook, docs/automation.md).
 * Checked by the `X-Telegram-Bot-Api-Secret-Token` header first; a call without it gets 401 and changes nothing.
 */
@ApiExcludeController()
@Controller('webhooks/staff-telegram')
export class StaffTelegramWebhookController {
  constructor(
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    private readonly links: StaffTelegramLinkService,
  ) {}

  @Public()
  @Post()
  @HttpCode(200)
  async receive(@Req() req: Request & { rawBody?: Buffer }, @Res() res: Response) {
    const verified = this.links.verify({
      headers: req.headers,
      rawBody: req.rawBody ?? Buffer.alloc(0),
      body: req.body,
      query: {},
      url: req.originalUrl,
      method: req.method,
    });
    if (!verified) {
      this.logger.warn('staff telegram webhook secret rejected');
      return res.status(401).json({
        error: 'invalid_signature',
        message: 'The X-Telegram-Bot-Api-Secret-Token header does not match NOTIFY_TELEGRAM_WEBHOOK_SECRET.',
      });
    }
    const body: unknown = req.body;
    const outcome = await this.links.handleUpdate(body && typeof body === 'object' ? body : {});
    return res.status(200).json({ ok: true, outcome });
  }
}
