import { Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { CampaignTrackingService } from './campaign-tracking.service.js';
import { unsubscribePage } from './unsubscribe-page.js';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Public links inside campaign e-mails: open pixel, click redirect, unsubscribe (RFC 8058 one-click POST too). */
@ApiExcludeController()
@Public()
@Controller('t')
export class TrackingController {
  constructor(private readonly tracking: CampaignTrackingService) {}

  @Get('o/:file')
  async pixel(@Param('file') file: string, @Res() res: Response): Promise<void> {
    await this.tracking.opened(file.replace(/\.gif$/i, ''));
    res.status(200).set({
      'Content-Type': 'image/gif',
      'Content-Length': String(PIXEL.length),
      'Cache-Control': 'no-store, no-cache, must-revalidate, private',
    });
    res.end(PIXEL);
  }

  @Get('c/:token/:index')
  async click(
    @Param('token') token: string,
    @Param('index', ParseIntPipe) index: number,
    @Res() res: Response,
  ): Promise<void> {
    const url = await this.tracking.clicked(token, index);
    if (!url) {
      res.status(404).type('text/plain').send('This link is not valid.');
      return;
    }
    res.redirect(302, url);
  }

  /** Shows a confirmation button (mail scanners follow GET links; only the POST unsubscribes). */
  @Get('u/:token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  confirm(@Param('token') token: string, @Res() res: Response): void {
    if (!this.tracking.isValid(token)) {
      res.status(404).type('text/plain').send('This link is not valid.');
      return;
    }
    res.send(unsubscribePage('confirm', token));
  }

  @Post('u/:token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Res() res: Response): Promise<void> {
    if (!(await this.tracking.unsubscribe(token))) {
      res.status(404).type('text/plain').send('This link is not valid.');
      return;
    }
    res.status(200).type('text/html; charset=utf-8').send(unsubscribePage('done', token));
  }
}
