import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { requestContext } from './request-context.js';

/** JSON logs, one line per event, carrying the request id (and user) of the request that caused them. */
export function createRootLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'consult-crm' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password', 'token'],
      remove: true,
    },
    mixin() {
      const ctx = requestContext.current();
      return ctx ? { requestId: ctx.requestId, ...(ctx.user ? { userId: ctx.user.id } : {}) } : {};
    },
  });
}

/** Nest's own messages (module init, route mapping, errors) go through the same pino logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
