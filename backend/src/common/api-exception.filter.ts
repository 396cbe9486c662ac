import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { ApiErrorBody } from './api-error.js';
import { requestContext } from './request-context.js';

const STATUS_ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/** Express body-parser failures arrive as plain errors carrying `type` and `status`. */
type BodyParserError = Error & { type?: string; status?: number };

export function toApiErrorBody(exception: unknown): { status: number; body: ApiErrorBody } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'object' && response && 'error' in response && 'message' in response) {
      const r = response as Record<string, unknown>;
      if (typeof r.error === 'string' && typeof r.message === 'string' && !('statusCode' in r)) {
        return { status, body: r as ApiErrorBody };
      }
      const message = Array.isArray(r.message) ? r.message.join('; ') : String(r.message);
      return { status, body: { error: STATUS_ERROR_CODES[status] ?? 'error', message } };
    }
    return { status, body: { error: STATUS_ERROR_CODES[status] ?? 'error', message: String(response) } };
  }
  const parserError = exception as BodyParserError;
  if (parserError?.type === 'entity.parse.failed') {
    return {
      status: 400,
      body: {
        error: 'malformed_body',
        message: 'The request body is not valid JSON; send a JSON object.',
        fields: { _: parserError.message },
      },
    };
  }
  if (parserError?.type === 'entity.too.large') {
    return { status: 413, body: { error: 'payload_too_large', message: 'The request body is too large.' } };
  }
  if (typeof parserError?.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
    return {
      status: parserError.status,
      body: { error: STATUS_ERROR_CODES[parserError.status] ?? 'bad_request', message: parserError.message },
    };
  }
  const requestId = requestContext.current()?.requestId;
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: {
      error: 'internal_error',
      message: `Something went wrong on our side. Please try again; if it persists, give the administrator this reference: ${requestId ?? 'n/a'}.`,
    },
  };
}

/** Every error leaves as `{ error, message, fields? }`; a stack trace never reaches a client. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = toApiErrorBody(exception);
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
