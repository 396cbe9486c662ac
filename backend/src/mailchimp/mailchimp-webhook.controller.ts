import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { MailchimpWebhookService } from './mailchimp-webhook.service.js';

const NOT_FOUND = { error: 'not_found', message: 'No Mailchimp audience has this webhook address.' };

/**
 * `GET|POST /api/mailchimp/webhooks/:audienceId/:secret` — the URL registered in Mailchimp (Audience → Settings →
 * Webhooks). GET answers Mailchimp's validation ping; POST carries the form-encoded event. A wrong secret is a 404.
 */
@ApiExcludeController()
@Public()
@Controller('mailchimp/webhooks')
export class MailchimpWebhookController {
  constructor(private readonly webhooks: MailchimpWebhookService) {}

  @Get(':audienceId/:secret')
  async ping(@Param('audienceId') audienceId: string, @Param('secret') secret: string, @Res() res: Response) {
    if (!(await this.webhooks.authenticate(audienceId, secret))) return res.status(404).json(NOT_FOUND);
    return res.status(200).json({ ok: true });
  }

  @Post(':audienceId/:secret')
  @HttpCode(200)
  async receive(
    @Param('audienceId') audienceId: string,
    @Param('secret') secret: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const audience = await this.webhooks.authenticate(audienceId, secret);
    if (!audience) return res.status(404).json(NOT_FOUND);
    const outcome = await this.webhooks.handle(audience, req.body);
    return res.status(200).json({ ok: true, ...outcome });
  }
}
