import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { ApiError } from '../common/api-error.js';
import { ValidQuery } from '../common/zod-validation.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CallRoutingService } from './call-routing.service.js';
import { routeQuerySchema, type RouteQuery } from './calls.dto.js';

/** Same length and bytes, in constant time. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /api/telephony/route?from=&did=` — asked by the PBX (Asterisk dialplan CURL) while a call waits: which
 * extension should ring. No session: a shared secret (TELEPHONY_ROUTE_TOKEN, `?token=` or `X-Telephony-Token`).
 * `format=text` answers `ext:<extension>` or `queue:<name>` for Asterisk's CURL(); JSON otherwise.
 */
@ApiTags('telephony')
@Controller('telephony')
export class TelephonyRoutingController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly routing: CallRoutingService,
  ) {}

  @Public()
  @Get('route')
  async route(
    @ValidQuery(routeQuerySchema) query: RouteQuery,
    @Headers('x-telephony-token') headerToken: string | undefined,
    @Res() res: Response,
  ) {
    const expected = this.config.telephony.routeToken;
    if (!expected) throw new ApiError(503, 'routing_disabled', 'Set TELEPHONY_ROUTE_TOKEN to enable PBX routing.');
    if (!sameSecret(query.token ?? headerToken, expected))
      throw ApiError.unauthorized('A valid telephony token is required.');
    const decision = await this.routing.route(query.from);
    if (query.format === 'text') {
      res
        .type('text/plain')
        .send(decision.target === 'extension' ? `ext:${decision.extension}` : `queue:${decision.queue}`);
      return;
    }
    res.json(decision);
  }
}
