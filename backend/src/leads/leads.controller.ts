import { Controller, Get, HttpCode, Inject, Options, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { ValidBody } from '../common/zod-validation.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { submitLeadDto, type SubmitLeadDto } from './leads.dto.js';
import { LeadsService } from './leads.service.js';

/** Public landing-page endpoints; browsers on LEAD_CORS_ORIGINS may call them. */
@ApiTags('leads')
@Controller('leads')
export class LeadsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly leads: LeadsService,
  ) {}

  /** A lead from a landing page: 201 `{ ok: true }`; 400 with `fields`, `rejected_as_spam`; 429 when over the per-IP limit. */
  @Public()
  @Post()
  @HttpCode(201)
  submit(@ValidBody(submitLeadDto) dto: SubmitLeadDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.allowOrigin(req, res);
    return this.leads.submit(dto, req.ip ?? 'unknown');
  }

  /** An HMAC token the form sends back (required when LEAD_FORM_SECRET is set; `null` otherwise). */
  @Public()
  @Get('form-token')
  formToken(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.allowOrigin(req, res);
    res.setHeader('cache-control', 'no-store');
    return this.leads.formToken();
  }

  @Public()
  @Options(['', 'form-token'])
  @HttpCode(204)
  preflight(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.allowOrigin(req, res);
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', 'content-type');
    res.setHeader('access-control-max-age', '600');
  }

  private allowOrigin(req: Request, res: Response): void {
    const origin = req.headers.origin;
    if (origin && this.config.messaging.leadCorsOrigins.includes(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
    }
  }
}
